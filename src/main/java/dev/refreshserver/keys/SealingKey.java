package dev.refreshserver.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import dev.refreshserver.config.RefreshProperties;

/**
 * A server-side AES-256-GCM key ({@code keys/sealing.key}) for the one secret we must be able
 * to give back: the successor refresh token, kept sealed only so that a retry inside the grace
 * window can receive it again. Whoever reads the database alone cannot unseal it.
 */
@Component
public class SealingKey {

	static final String FILE_NAME = "sealing.key";

	private static final int IV_BYTES = 12;

	private static final int TAG_BITS = 128;

	private final SecretKey key;

	private final SecureRandom random = new SecureRandom();

	public SealingKey(RefreshProperties properties) throws IOException {
		Path file = properties.keysDir().resolve(FILE_NAME);
		if (!Files.exists(file)) {
			byte[] fresh = new byte[32];
			this.random.nextBytes(fresh);
			KeyFiles.writePrivate(file, Base64.getEncoder().encodeToString(fresh));
		}
		this.key = new SecretKeySpec(Base64.getDecoder().decode(Files.readString(file).trim()), "AES");
	}

	public String seal(String plaintext) {
		try {
			byte[] iv = new byte[IV_BYTES];
			this.random.nextBytes(iv);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.ENCRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, iv));
			byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array());
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM sealing failed", ex);
		}
	}

	public String unseal(String sealed) {
		try {
			byte[] bytes = Base64.getUrlDecoder().decode(sealed);
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(Cipher.DECRYPT_MODE, this.key, new GCMParameterSpec(TAG_BITS, bytes, 0, IV_BYTES));
			return new String(cipher.doFinal(bytes, IV_BYTES, bytes.length - IV_BYTES), StandardCharsets.UTF_8);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("AES-GCM unsealing failed", ex);
		}
	}
}
