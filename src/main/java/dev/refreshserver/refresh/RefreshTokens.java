package dev.refreshserver.refresh;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Refresh token values and their at-rest form: a token is 256 random bits, base64url; the
 * store keeps only its SHA-256. A slow hash is unnecessary because the input has full entropy.
 */
public final class RefreshTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	/** One digest per thread: looking SHA-256 up among the providers on every call showed in profiles. */
	private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JRE", ex);
		}
	});

	private RefreshTokens() {
	}

	public static String generate() {
		return randomId(32);
	}

	/** A random identifier of {@code bytes} bytes of entropy, base64url. */
	public static String randomId(int bytes) {
		byte[] value = new byte[bytes];
		RANDOM.nextBytes(value);
		return BASE64URL.encodeToString(value);
	}

	public static String hash(String token) {
		// digest() resets the instance for its next use
		return BASE64URL.encodeToString(SHA256.get().digest(token.getBytes(StandardCharsets.UTF_8)));
	}
}
