package dev.refreshserver.refresh;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.refreshserver.keys.RefreshTokenKeys;

/**
 * The refresh token format (docs/storage.md, "Token format"): base64url of
 * {@code version (1) | key id (1) | family id (16) | generation (8) | random (32) | HMAC-SHA256 (32)},
 * 90 bytes, 120 characters. The MAC, under a server key that is not in the database, proves
 * that we issued the token: so a token whose generation is behind its family's is proof of
 * reuse without any row per issued token, and a token failing its MAC is refused before the
 * database is touched. The 256 random bits are what the store hashes: neither the database nor
 * the MAC key alone can produce a live token.
 */
@Component
public class RefreshTokenFormat {

	static final byte VERSION = 1;

	static final int FAMILY_BYTES = 16;

	private static final int RANDOM_BYTES = 32;

	/** Everything the MAC covers. */
	private static final int SIGNED_BYTES = 1 + 1 + FAMILY_BYTES + Long.BYTES + RANDOM_BYTES;

	static final int TOKEN_BYTES = SIGNED_BYTES + RefreshTokenKeys.MAC_BYTES;

	/** The length of a token in characters (base64url without padding). */
	public static final int TOKEN_LENGTH = (TOKEN_BYTES * 4 + 2) / 3;

	private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

	private final RefreshTokenKeys keys;

	private final SecureRandom random = new SecureRandom();

	public RefreshTokenFormat(RefreshTokenKeys keys) {
		this.keys = keys;
	}

	/** A new family id: what a token carries in its 16 family bytes, as base64url. */
	public static String newFamilyId() {
		return RefreshTokens.randomId(FAMILY_BYTES);
	}

	/** A token of generation {@code generation} of family {@code familyId}, under the current key. */
	public String issue(String familyId, long generation) {
		byte[] family = Base64.getUrlDecoder().decode(familyId);
		if (family.length != FAMILY_BYTES) {
			throw new IllegalArgumentException("A family id is 16 bytes, base64url");
		}
		byte[] randomPart = new byte[RANDOM_BYTES];
		this.random.nextBytes(randomPart);
		int keyId = this.keys.currentId();
		ByteBuffer token = ByteBuffer.allocate(TOKEN_BYTES)
			.put(VERSION)
			.put((byte) keyId)
			.put(family)
			.putLong(generation)
			.put(randomPart);
		token.put(this.keys.mac(keyId, token.array(), SIGNED_BYTES));
		return BASE64URL.encodeToString(token.array());
	}

	/**
	 * What a token in this format names, if its MAC verifies under one of our keys; empty for
	 * anything else (another format, a changed byte, an unknown key, garbage).
	 */
	public Optional<Named> read(String token) {
		if (token == null || token.length() != TOKEN_LENGTH) {
			return Optional.empty();
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(token);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (bytes.length != TOKEN_BYTES || bytes[0] != VERSION
				|| !this.keys.verify(Byte.toUnsignedInt(bytes[1]), bytes, SIGNED_BYTES)) {
			return Optional.empty();
		}
		ByteBuffer fields = ByteBuffer.wrap(bytes, 2, SIGNED_BYTES - 2);
		byte[] family = new byte[FAMILY_BYTES];
		fields.get(family);
		return Optional.of(new Named(BASE64URL.encodeToString(family), fields.getLong()));
	}

	/** A token issued before this format: 256 random bits, base64url, looked up by its hash alone. */
	public static boolean isLegacy(String token) {
		return token != null && token.length() == 43;
	}

	/** The family and generation an authentic token names. */
	public record Named(String familyId, long generation) {
	}
}
