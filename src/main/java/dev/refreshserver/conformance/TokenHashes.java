package dev.refreshserver.conformance;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;

/**
 * The only form in which observations hold a refresh token: the first 96 bits of its SHA-256,
 * enough to follow a chain of rotations, useless to present. Evidence shows 8 characters of it.
 */
final class TokenHashes {

	private TokenHashes() {
	}

	static String of(String token) {
		if (token == null || token.isEmpty()) {
			return null;
		}
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 12));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required of every JRE", ex);
		}
	}

	/**
	 * How evidence names a token: by the start of its SHA-256, so that a reader can match tokens
	 * across requests, and nobody mistakes the label for (part of) the token itself.
	 */
	static String label(String hash) {
		return (hash == null) ? "no token" : "token #" + hash.substring(0, 8);
	}
}
