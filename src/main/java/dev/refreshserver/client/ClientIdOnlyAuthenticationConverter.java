package dev.refreshserver.client;

import java.util.HashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.util.StringUtils;

/**
 * Reads a public client's request that identifies itself by {@code client_id} alone (RFC 6749
 * §2.3 {@code none}): a refresh or a revocation of its own tokens. PKCE code redemptions are
 * left to Spring Authorization Server's own converter, which also checks the verifier.
 * Introspection is not for public clients: anyone can name one, and introspection tells
 * about tokens of every client (RFC 7662 §4), so there a bare client_id authenticates nobody.
 */
public class ClientIdOnlyAuthenticationConverter implements AuthenticationConverter {

	private final String introspectionEndpoint;

	public ClientIdOnlyAuthenticationConverter(String introspectionEndpoint) {
		this.introspectionEndpoint = introspectionEndpoint;
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
		if (!StringUtils.hasText(clientId) || this.introspectionEndpoint.equals(request.getServletPath())
				|| request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null
				|| request.getHeader(HttpHeaders.AUTHORIZATION) != null
				|| request.getParameter(PkceParameterNames.CODE_VERIFIER) != null
				|| request.getParameter(OAuth2ParameterNames.CLIENT_ASSERTION) != null) {
			return null;
		}
		Map<String, Object> parameters = new HashMap<>();
		request.getParameterMap().forEach((name, values) -> {
			if (!OAuth2ParameterNames.CLIENT_ID.equals(name)) {
				parameters.put(name, values[0]);
			}
		});
		return new OAuth2ClientAuthenticationToken(clientId, ClientAuthenticationMethod.NONE, null, parameters);
	}
}
