package dev.refreshserver.testing;

/**
 * A grant minted by {@link RefreshServerExtension#mint}: what a client holds after a completed
 * authorization code flow.
 *
 * @param accessToken the access token (a signed JWT)
 * @param refreshToken the refresh token, null for a client without the refresh_token grant
 * @param expiresIn seconds until the access token expires, as {@code expires_in} says
 */
public record Grant(String accessToken, String refreshToken, long expiresIn) {
}
