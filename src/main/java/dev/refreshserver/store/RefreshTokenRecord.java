package dev.refreshserver.store;

import java.time.Instant;

/**
 * A stored refresh token: its hash, never the token.
 *
 * @param successorHash set once rotated: the hash of the token that replaced it
 * @param successorSealed the successor token sealed with the server key, kept only when a
 * grace window applies
 */
public record RefreshTokenRecord(String tokenHash, String familyId, State state, Instant issuedAt, Instant expiresAt,
		Instant rotatedAt, String successorHash, String successorSealed) {

	/** Lifecycle of a refresh token row. */
	public enum State {

		ACTIVE, ROTATED, REVOKED;

		String column() {
			return name().toLowerCase();
		}

		static State of(String column) {
			return valueOf(column.toUpperCase());
		}
	}

	public static RefreshTokenRecord issued(String tokenHash, String familyId, Instant issuedAt, Instant expiresAt) {
		return new RefreshTokenRecord(tokenHash, familyId, State.ACTIVE, issuedAt, expiresAt, null, null, null);
	}

	public boolean isExpiredAt(Instant now) {
		return !now.isBefore(this.expiresAt);
	}
}
