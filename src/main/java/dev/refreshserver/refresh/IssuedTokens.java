package dev.refreshserver.refresh;

import java.util.HashMap;
import java.util.Map;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

import dev.refreshserver.profile.ResponseShape;

/**
 * What a successful grant hands back: an access token and, for refreshable grants, a refresh
 * token and the id of its family; for OpenID Connect grants, an ID token.
 *
 * @param idToken the serialized ID token, or null when the grant gets none
 */
public record IssuedTokens(OAuth2AccessToken accessToken, OAuth2RefreshToken refreshToken, String familyId,
		String idToken) {

	public IssuedTokens(OAuth2AccessToken accessToken, OAuth2RefreshToken refreshToken, String familyId) {
		this(accessToken, refreshToken, familyId, null);
	}

	/** The authentication result Spring Authorization Server's token endpoint expects. */
	public OAuth2AccessTokenAuthenticationToken toAuthentication(OAuth2ClientAuthenticationToken clientPrincipal) {
		return toAuthentication(clientPrincipal, null);
	}

	/**
	 * The same, carrying the response shape this one response must have (see TokenResponseWriter),
	 * or null for the client's usual one.
	 */
	public OAuth2AccessTokenAuthenticationToken toAuthentication(OAuth2ClientAuthenticationToken clientPrincipal,
			ResponseShape shape) {
		Map<String, Object> parameters = new HashMap<>();
		if (shape != null) {
			parameters.put(ResponseShape.PARAMETER, shape);
		}
		if (this.idToken != null) {
			parameters.put(OidcParameterNames.ID_TOKEN, this.idToken);
		}
		return new OAuth2AccessTokenAuthenticationToken(clientPrincipal.getRegisteredClient(), clientPrincipal,
				this.accessToken, this.refreshToken, parameters);
	}
}
