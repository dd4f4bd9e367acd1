package dev.refreshserver.refresh;

import java.util.Set;

/**
 * Whether a grant needs the {@code offline_access} scope to get a refresh token (OpenID Connect
 * Core §11). A client's policy chooses; the profiles keep this server's default.
 */
public enum OfflineAccess {

	/** A refresh token for every grant of a client allowed the refresh_token grant, whatever the scope. */
	IGNORED,

	/** A refresh token only for a grant whose scope includes {@code offline_access}. */
	REQUIRED;

	public static final String SCOPE = "offline_access";

	/** Whether a grant of {@code scope} gets a refresh token under this rule. */
	public boolean allowsRefreshToken(Set<String> scope) {
		return this == IGNORED || scope.contains(SCOPE);
	}
}
