package dev.refreshserver.protocol;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/** The RFC 6749 §5.2 errors this server raises, each with a short human description. */
public final class OAuth2Errors {

	public static final String TOKEN_ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-5.2";

	private OAuth2Errors() {
	}

	public static OAuth2AuthenticationException error(String code, String description) {
		return new OAuth2AuthenticationException(new OAuth2Error(code, description, TOKEN_ERROR_URI));
	}

	/**
	 * One answer for unknown, expired, revoked, reused and foreign refresh tokens, so that
	 * nobody can probe a token's state.
	 */
	public static OAuth2AuthenticationException invalidRefreshToken() {
		return error(OAuth2ErrorCodes.INVALID_GRANT, "The refresh token is invalid, expired or revoked");
	}

	/**
	 * One answer for every failed client authentication (unknown client, wrong secret, a method
	 * the client is not registered for), so that nobody can tell which client ids exist.
	 */
	public static OAuth2AuthenticationException clientAuthenticationFailed() {
		return error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication failed");
	}

	public static OAuth2AuthenticationException invalidRequest(String description) {
		return error(OAuth2ErrorCodes.INVALID_REQUEST, description);
	}

	public static OAuth2AuthenticationException unauthorizedClient(String grantType) {
		return error(OAuth2ErrorCodes.UNAUTHORIZED_CLIENT,
				"The client is not allowed to use the " + grantType + " grant");
	}

	public static OAuth2AuthenticationException invalidScope() {
		return error(OAuth2ErrorCodes.INVALID_SCOPE, "The requested scope exceeds the scope granted");
	}
}
