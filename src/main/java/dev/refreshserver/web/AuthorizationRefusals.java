package dev.refreshserver.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Names the check that refused an authorization request before any redirect. Spring
 * Authorization Server says only which parameter failed ({@code "OAuth 2.0 Parameter:
 * redirect_uri"}); the request itself tells which of that parameter's checks it was. The checks,
 * in the order they run (its {@code OAuth2AuthorizationCodeRequestAuthenticationConverter},
 * {@code ...Provider} and {@code ...Validator}):
 * <ol>
 * <li>{@code response_type} missing or repeated; not {@code code};</li>
 * <li>{@code client_id} missing or repeated;</li>
 * <li>{@code redirect_uri}, {@code scope}, {@code state}, {@code code_challenge},
 * {@code code_challenge_method}, {@code prompt} or {@code request_uri} repeated;</li>
 * <li>{@code client_id} not registered;</li>
 * <li>the client not registered for the authorization code grant;</li>
 * <li>{@code redirect_uri} not a URI or with a fragment; not registered for the client;
 * missing while the client has several or {@code openid} is asked;</li>
 * <li>{@code request_uri} unknown, expired or of another client.</li>
 * </ol>
 * Everything after these (scope, PKCE, response_mode) goes back to the client's redirect URI.
 */
final class AuthorizationRefusals {

	private final RegisteredClientRepository clients;

	private final boolean devMode;

	AuthorizationRefusals(RegisteredClientRepository clients, boolean devMode) {
		this.clients = clients;
		this.devMode = devMode;
	}

	AuthorizationRefusal explain(OAuth2Error error, HttpServletRequest request) {
		String check = parameterOf(error);
		String[] given = (check != null) ? request.getParameterValues(check) : null;
		if (given != null && given.length > 1) {
			return AuthorizationRefusal.of(check, null, "is given " + given.length + " times",
					"Send each parameter of an authorization request once (RFC 6749 \u00a73.1).");
		}
		String value = (given != null && given.length == 1) ? given[0] : null;
		if (check == null) {
			return AuthorizationRefusal.of(error.getErrorCode(), null, "stopped the request",
					"The server refused this authorization request (" + error.getErrorCode() + ").");
		}
		return switch (check) {
			case OAuth2ParameterNames.RESPONSE_TYPE -> responseType(error, value);
			case OAuth2ParameterNames.CLIENT_ID -> clientId(error, value);
			case OAuth2ParameterNames.REDIRECT_URI -> redirectUri(request, value);
			case OAuth2ParameterNames.REQUEST_URI -> AuthorizationRefusal.of(check, value,
					"is not a pushed authorization request of this client that is still valid",
					"Push the request again (POST /oauth2/par) and use the request_uri it returns at once.");
			default -> (value == null || value.isEmpty())
					? AuthorizationRefusal.of(check, null, "is missing or empty", "Give a value for " + check + ".")
					: AuthorizationRefusal.of(check, value, "is not acceptable here",
							"Check the value of " + check + " against the server's metadata.");
		};
	}

	private static AuthorizationRefusal responseType(OAuth2Error error, String value) {
		if (value == null || value.isEmpty()) {
			return AuthorizationRefusal.of(OAuth2ParameterNames.RESPONSE_TYPE, null, "is missing",
					"An authorization request must say response_type=code.");
		}
		return AuthorizationRefusal.of(OAuth2ParameterNames.RESPONSE_TYPE, value, "is not supported",
				"This server issues authorization codes only: use response_type=code with PKCE.");
	}

	private AuthorizationRefusal clientId(OAuth2Error error, String value) {
		if (value == null || value.isEmpty()) {
			return AuthorizationRefusal.of(OAuth2ParameterNames.CLIENT_ID, null, "is missing",
					"Every authorization request names its client with client_id.");
		}
		RegisteredClient client = this.clients.findByClientId(value);
		if (client == null) {
			return AuthorizationRefusal.of(OAuth2ParameterNames.CLIENT_ID, value, "is not registered",
					"Register the client under refresh.clients in config/application.yml, or fix its client_id.");
		}
		AuthorizationRefusal refusal = AuthorizationRefusal.of(OAuth2ParameterNames.CLIENT_ID, value,
				"is not registered for the authorization code grant",
				"Add authorization_code to the client's grant-types in config/application.yml.");
		return this.devMode ? refusal.withRegistered("Its grant types",
				client.getAuthorizationGrantTypes().stream().map(AuthorizationGrantType::getValue).sorted().toList())
				: refusal;
	}

	private AuthorizationRefusal redirectUri(HttpServletRequest request, String value) {
		String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
		RegisteredClient client = (clientId != null) ? this.clients.findByClientId(clientId) : null;
		AuthorizationRefusal refusal;
		if (value == null || value.isEmpty()) {
			String scope = request.getParameter(OAuth2ParameterNames.SCOPE);
			boolean openid = scope != null && List.of(scope.split(" ")).contains(OidcScopes.OPENID);
			refusal = AuthorizationRefusal.of(OAuth2ParameterNames.REDIRECT_URI, null,
					openid ? "is missing, and an OpenID Connect request (scope openid) must give it"
							: "is missing, and " + clientId + " has several registered: the request must name one",
					"Send the redirect_uri the client is registered with.");
		}
		else if (!isUriWithoutFragment(value)) {
			refusal = AuthorizationRefusal.of(OAuth2ParameterNames.REDIRECT_URI, value,
					"is not an absolute URI without a fragment", "Send the redirect_uri exactly as it is registered.");
		}
		else {
			refusal = AuthorizationRefusal.of(OAuth2ParameterNames.REDIRECT_URI, value,
					"is not registered for " + clientId,
					"Send one of the client's registered redirect URIs, character for character (on 127.0.0.1 "
							+ "any port is accepted), or register this one under refresh.clients.");
		}
		return (this.devMode && client != null)
				? refusal.withRegistered("Registered for " + clientId, List.copyOf(client.getRedirectUris())) : refusal;
	}

	private static boolean isUriWithoutFragment(String value) {
		try {
			return UriComponentsBuilder.fromUriString(value).build().getFragment() == null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** The parameter of {@code "OAuth 2.0 Parameter: redirect_uri"}, or null for another description. */
	private static String parameterOf(OAuth2Error error) {
		String description = error.getDescription();
		String prefix = "OAuth 2.0 Parameter: ";
		if (description != null && description.startsWith(prefix)) {
			return description.substring(prefix.length()).trim();
		}
		return OAuth2ErrorCodes.UNSUPPORTED_RESPONSE_TYPE.equals(error.getErrorCode())
				? OAuth2ParameterNames.RESPONSE_TYPE : null;
	}
}
