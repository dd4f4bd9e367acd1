package dev.refreshserver.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Refresh tokens taken apart and made by hand, as docs/storage.md describes the format:
 * base64url of version (1) | key id (1) | family id (16) | generation (8) | random (32) | HMAC (32).
 */
final class RefreshTokenBytes {

	static final int LENGTH = 90;

	private static final SecureRandom RANDOM = new SecureRandom();

	private RefreshTokenBytes() {
	}

	static byte[] decode(String token) {
		byte[] bytes = Base64.getUrlDecoder().decode(token);
		if (bytes.length != LENGTH) {
			throw new IllegalArgumentException("not a token of the current format: " + bytes.length + " bytes");
		}
		return bytes;
	}

	static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static String familyId(String token) {
		byte[] family = new byte[16];
		System.arraycopy(decode(token), 2, family, 0, 16);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(family);
	}

	static long generation(String token) {
		return ByteBuffer.wrap(decode(token), 18, 8).getLong();
	}

	static int keyId(String token) {
		return Byte.toUnsignedInt(decode(token)[1]);
	}

	/** A token of {@code familyOf}'s family at {@code generation}, with fresh random bits, MACed with {@code key}. */
	static String make(String familyOf, long generation, int keyId, byte[] key) {
		byte[] bytes = ByteBuffer.allocate(LENGTH)
			.put((byte) 1)
			.put((byte) keyId)
			.put(decode(familyOf), 2, 16)
			.putLong(generation)
			.put(random(32))
			.array();
		System.arraycopy((key != null) ? hmac(key, bytes) : random(32), 0, bytes, 58, 32);
		return encode(bytes);
	}

	static byte[] random(int length) {
		byte[] bytes = new byte[length];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	/** The current key of a keys directory: the last line of {@code refresh-token.keys}. */
	static byte[] currentKey(Path keysDir) throws IOException {
		List<String> lines = Files.readAllLines(keysDir.resolve("refresh-token.keys"));
		return Base64.getDecoder().decode(lines.get(lines.size() - 1).trim().split("\\s+")[1]);
	}

	private static byte[] hmac(byte[] key, byte[] bytes) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(key, "HmacSHA256"));
			mac.update(bytes, 0, 58);
			return mac.doFinal();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
