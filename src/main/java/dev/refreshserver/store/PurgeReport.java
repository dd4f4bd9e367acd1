package dev.refreshserver.store;

/**
 * What one purge removed.
 *
 * @param expiredFamilies families past their idle or absolute expiry (and the lifetime of their
 * last access token)
 * @param revokedFamilies families revoked longer ago than the retention
 * @param legacyTokens rows of {@code refresh_token} (tokens issued before the upgrade) of those
 * families
 * @param sealsCleared grace-window successors (and predecessor hashes) dropped once the window
 * had closed
 * @param authorizationCodes expired codes (redeemed ones after the retention)
 * @param sessions expired login sessions
 */
public record PurgeReport(int expiredFamilies, int revokedFamilies, int legacyTokens, int sealsCleared,
		int authorizationCodes, int sessions) {
}
