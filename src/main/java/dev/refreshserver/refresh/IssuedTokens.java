package dev.refreshserver.refresh;

import java.util.Map;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

import dev.refreshserver.profile.ResponseShape;

/**
 * What a successful grant hands back: an access token and, for refreshable grants, a refresh
 * token and the id of its family.
 */
public record IssuedTokens(OAuth2AccessToken accessToken, OAuth2RefreshToken refreshToken, String familyId) {

	/** The authentication result Spring Authorization Server's token endpoint expects. */
	public OAuth2AccessTokenAuthenticationToken toAuthentication(OAuth2ClientAuthenticationToken clientPrincipal) {
		return new OAuth2AccessTokenAuthenticationToken(clientPrincipal.getRegisteredClient(), clientPrincipal,
				this.accessToken, this.refreshToken, Map.of());
	}

	/** The same, carrying the response shape this one response must have (see TokenResponseWriter). */
	public OAuth2AccessTokenAuthenticationToken toAuthentication(OAuth2ClientAuthenticationToken clientPrincipal,
			ResponseShape shape) {
		return new OAuth2AccessTokenAuthenticationToken(clientPrincipal.getRegisteredClient(), clientPrincipal,
				this.accessToken, this.refreshToken, Map.of(ResponseShape.PARAMETER, shape));
	}
}
