package dev.refreshserver.store;

import java.time.Instant;

/**
 * The refresh tokens of a family as its row holds them: the generation and hash of the live
 * token and, only while a grace window runs, the hash of its predecessor and the live token
 * sealed for the predecessor's retry. No row is kept per issued token: a token of an older
 * generation is recognised by its MAC and its generation alone.
 *
 * @param generation of the live token; null for a family without refresh tokens
 * @param tokenHash SHA-256 of the live token, or null without one
 * @param issuedAt when the live token was issued
 * @param expiresAt when the live token dies of idleness; for a family without refresh tokens,
 * when its access token expires
 * @param rotatedAt when the live token replaced its predecessor (the start of the grace window)
 * @param predecessorHash SHA-256 of the predecessor, kept only with {@code successorSealed}
 * @param successorSealed the live token sealed with the server key, for a retry inside the grace
 * window
 */
public record RefreshState(Long generation, String tokenHash, Instant issuedAt, Instant expiresAt, Instant rotatedAt,
		String predecessorHash, String successorSealed) {

	/** The first refresh token of a family. */
	public static RefreshState first(long generation, String tokenHash, Instant issuedAt, Instant expiresAt) {
		return new RefreshState(generation, tokenHash, issuedAt, expiresAt, null, null, null);
	}

	/** A family of access tokens only, whose last access token expires at {@code accessExpiry}. */
	public static RefreshState none(Instant issuedAt, Instant accessExpiry) {
		return new RefreshState(null, null, issuedAt, accessExpiry, null, null, null);
	}

	public boolean hasToken() {
		return this.generation != null && this.tokenHash != null;
	}

	public boolean isExpiredAt(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}
}
