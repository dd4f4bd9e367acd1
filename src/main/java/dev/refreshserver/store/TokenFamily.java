package dev.refreshserver.store;

import java.time.Instant;
import java.util.Set;

/**
 * One original grant and everything refreshed from it.
 *
 * @param expiresAt absolute end of the family, or null when it has none
 * @param revokedAt when the family was revoked, or null while it lives
 */
public record TokenFamily(String id, String clientId, String subject, Set<String> grantedScope, Instant createdAt,
		Instant expiresAt, Instant revokedAt) {

	/** The width of {@code token_family.subject}. */
	public static final int MAX_SUBJECT_LENGTH = 255;

	public boolean isRevoked() {
		return this.revokedAt != null;
	}

	public boolean isExpiredAt(Instant now) {
		return this.expiresAt != null && !now.isBefore(this.expiresAt);
	}
}
