package dev.refreshserver.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

import dev.refreshserver.config.RefreshProperties;

/**
 * Every endpoint with a request a developer can paste into a shell, addressed to this server and
 * naming a configured client. Secrets and tokens stay placeholders ({@code $CLIENT_SECRET},
 * {@code $REFRESH_TOKEN}, {@code $ADMIN_TOKEN}): the page never shows one.
 */
final class CurlExamples {

	private final RefreshProperties properties;

	private final AuthorizationServerSettings settings;

	CurlExamples(RefreshProperties properties, AuthorizationServerSettings settings) {
		this.properties = properties;
		this.settings = settings;
	}

	/** One endpoint: what it does and how to call it. */
	record Endpoint(String name, String method, String path, String what, String curl) {
	}

	List<Endpoint> all(String issuer) {
		String confidential = firstClient(true).orElse("CLIENT_ID");
		String anyClient = firstClient(false).or(() -> firstClient(true)).orElse("CLIENT_ID");
		String auth = " \\\n  -u " + confidential + ":$CLIENT_SECRET";
		String redirect = this.properties.clients().stream()
			.filter((client) -> client.clientId().equals(anyClient) && !client.redirectUris().isEmpty())
			.map((client) -> client.redirectUris().get(0))
			.findFirst()
			.orElse("REDIRECT_URI");
		List<Endpoint> endpoints = new ArrayList<>();
		endpoints.add(new Endpoint("Metadata", "GET", "/.well-known/oauth-authorization-server",
				"What this server supports (RFC 8414); the OpenID form is at /.well-known/openid-configuration.",
				"curl -s " + issuer + "/.well-known/oauth-authorization-server"));
		endpoints.add(new Endpoint("Keys", "GET", this.settings.getJwkSetEndpoint(),
				"The public keys that verify access tokens.", "curl -s " + issuer + this.settings.getJwkSetEndpoint()));
		endpoints.add(new Endpoint("Authorize", "GET", this.settings.getAuthorizationEndpoint(),
				"Open in a browser: sign in, then the browser returns to the client with a code (PKCE S256 required).",
				"open '" + issuer + this.settings.getAuthorizationEndpoint() + "?response_type=code&client_id=" + anyClient
						+ "&redirect_uri=" + redirect + "&scope=read&state=xyz"
						+ "&code_challenge=$CODE_CHALLENGE&code_challenge_method=S256'"));
		endpoints.add(new Endpoint("Token: redeem a code", "POST", this.settings.getTokenEndpoint(),
				"Exchange the code and its PKCE verifier for an access and a refresh token.",
				"curl -s " + issuer + this.settings.getTokenEndpoint() + " \\\n  -d grant_type=authorization_code"
						+ " -d code=$CODE \\\n  -d redirect_uri=" + redirect + " -d client_id=" + anyClient
						+ " \\\n  -d code_verifier=$CODE_VERIFIER"));
		endpoints.add(new Endpoint("Token: refresh", "POST", this.settings.getTokenEndpoint(),
				"Trade a refresh token for a new access token (and, under rotation, a new refresh token).",
				"curl -s " + issuer + this.settings.getTokenEndpoint() + auth
						+ " \\\n  -d grant_type=refresh_token -d refresh_token=$REFRESH_TOKEN"));
		endpoints.add(new Endpoint("Revoke", "POST", this.settings.getTokenRevocationEndpoint(),
				"Revoke a token (RFC 7009); revoking a refresh token ends its whole family.",
				"curl -s " + issuer + this.settings.getTokenRevocationEndpoint() + auth + " \\\n  -d token=$REFRESH_TOKEN"));
		endpoints.add(new Endpoint("Introspect", "POST", this.settings.getTokenIntrospectionEndpoint(),
				"Ask whether a token is active and what it grants (RFC 7662).",
				"curl -s " + issuer + this.settings.getTokenIntrospectionEndpoint() + auth + " \\\n  -d token=$ACCESS_TOKEN"));
		endpoints.add(new Endpoint("Mint a grant", "POST", "/admin/grants",
				"Dev mode: a refresh and an access token for any subject, without the browser.",
				"curl -s " + issuer + "/admin/grants -H \"Authorization: Bearer $ADMIN_TOKEN\" \\\n  -d client_id="
						+ confidential + " -d subject=alice -d scope=read"));
		endpoints.add(new Endpoint("Move the clock", "POST", "/admin/clock",
				"Dev mode: jump the server's clock (advance=P1D, set=2030-01-01T00:00:00Z or reset=true).",
				"curl -s " + issuer + "/admin/clock -H \"Authorization: Bearer $ADMIN_TOKEN\" -d advance=P1D"));
		return endpoints;
	}

	private Optional<String> firstClient(boolean confidential) {
		return this.properties.clients()
			.stream()
			.filter((client) -> (client.secret() != null) == confidential)
			.filter((client) -> client.grantTypes().contains("refresh_token"))
			.map(RefreshProperties.Client::clientId)
			.findFirst();
	}
}
