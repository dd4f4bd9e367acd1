package dev.refreshserver.token;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.stereotype.Component;

import dev.refreshserver.config.RefreshProperties;
import dev.refreshserver.keys.SigningKeys;
import dev.refreshserver.profile.RequestRules;
import dev.refreshserver.refresh.RefreshPolicies;

/**
 * RFC 8414 metadata true to what this server does: only the grants, client authentication
 * methods and endpoints it really serves. Spring Authorization Server's metadata endpoint is
 * given these claims; {@code /.well-known/openid-configuration} serves the same document, with
 * the OpenID Connect Discovery entries of what is implemented: ID tokens signed with the current
 * key's algorithm, public subjects, userinfo and the claims the dev users can have. No request
 * objects, no {@code claims} parameter, no registration, sessions or logout.
 */
@Component
public class ServerMetadata {

	private final AuthorizationServerSettings settings;

	private final IssuerResolver issuer;

	private final List<String> scopes;

	private final List<String> authMethods;

	private final List<String> introspectionAuthMethods;

	private final List<String> claimsSupported;

	private final SigningKeys keys;

	public ServerMetadata(AuthorizationServerSettings settings, IssuerResolver issuer,
			RefreshProperties properties, RefreshPolicies policies, UserClaims users, SigningKeys keys) {
		this.settings = settings;
		this.issuer = issuer;
		this.keys = keys;
		this.claimsSupported = Stream.concat(Stream.of(IdTokenClaimNames.ISS, IdTokenClaimNames.AUD,
				IdTokenClaimNames.EXP, IdTokenClaimNames.IAT, IdTokenClaimNames.AUTH_TIME, IdTokenClaimNames.NONCE,
				IdTokenClaimNames.AT_HASH, IdTokenClaimNames.AZP), users.supported().stream()).toList();
		// the server profile's: a request naming no configured client is judged by these
		RequestRules rules = policies.requestRules(null);
		this.introspectionAuthMethods = rules.clientSecretInBody()
				? List.of("client_secret_basic", "client_secret_post") : List.of("client_secret_basic");
		this.authMethods = Stream.concat(this.introspectionAuthMethods.stream(), Stream.of("none")).toList();
		TreeSet<String> allScopes = new TreeSet<>();
		properties.clients().forEach((client) -> allScopes.addAll(client.scopes()));
		this.scopes = List.copyOf(allScopes);
	}

	public Map<String, Object> claims() {
		String base = this.issuer.issuer();
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put("issuer", base);
		claims.put("authorization_endpoint", base + this.settings.getAuthorizationEndpoint());
		claims.put("token_endpoint", base + this.settings.getTokenEndpoint());
		claims.put("jwks_uri", base + this.settings.getJwkSetEndpoint());
		claims.put("revocation_endpoint", base + this.settings.getTokenRevocationEndpoint());
		claims.put("introspection_endpoint", base + this.settings.getTokenIntrospectionEndpoint());
		claims.put("scopes_supported", this.scopes);
		claims.put("response_types_supported", List.of("code"));
		// RFC 8414 reads an absent list as query and fragment; the authorization endpoint refuses fragment
		claims.put("response_modes_supported", List.of("query"));
		claims.put("grant_types_supported", List.of("authorization_code", "refresh_token", "client_credentials"));
		claims.put("token_endpoint_auth_methods_supported", this.authMethods);
		claims.put("revocation_endpoint_auth_methods_supported", this.authMethods);
		claims.put("introspection_endpoint_auth_methods_supported", this.introspectionAuthMethods);
		claims.put("code_challenge_methods_supported", List.of("S256"));
		claims.put("subject_types_supported", List.of("public"));
		claims.put("userinfo_endpoint", base + UserInfoController.PATH);
		// the algorithm of the key that signs now: after a rotation to another algorithm, the new one
		claims.put("id_token_signing_alg_values_supported", List.of(this.keys.algorithm().getName()));
		claims.put("claims_supported", this.claimsSupported);
		// OpenID Connect Discovery reads an absent request_uri_parameter_supported as true
		claims.put("request_uri_parameter_supported", false);
		return claims;
	}
}
