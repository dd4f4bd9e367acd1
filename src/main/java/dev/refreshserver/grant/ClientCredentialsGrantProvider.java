package dev.refreshserver.grant;

import java.util.Set;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientCredentialsAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

import dev.refreshserver.protocol.OAuth2Errors;
import dev.refreshserver.refresh.AuthenticatedClients;
import dev.refreshserver.refresh.IssuedTokens;
import dev.refreshserver.refresh.RefreshPolicies;
import dev.refreshserver.token.AccessTokens;

/**
 * The client_credentials grant (RFC 6749 §4.4): an access token for the client itself, and
 * never a refresh token (§4.4.3). Nothing is stored.
 */
@Component
public class ClientCredentialsGrantProvider implements AuthenticationProvider {

	private final AccessTokens accessTokens;

	private final RefreshPolicies policies;

	public ClientCredentialsGrantProvider(AccessTokens accessTokens, RefreshPolicies policies) {
		this.accessTokens = accessTokens;
		this.policies = policies;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2ClientCredentialsAuthenticationToken request = (OAuth2ClientCredentialsAuthenticationToken) authentication;
		OAuth2ClientAuthenticationToken clientPrincipal = AuthenticatedClients.of(request);
		RegisteredClient client = clientPrincipal.getRegisteredClient();
		if (!client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.CLIENT_CREDENTIALS)) {
			throw OAuth2Errors.unauthorizedClient(AuthorizationGrantType.CLIENT_CREDENTIALS.getValue());
		}
		Set<String> scope = request.getScopes().isEmpty() ? client.getScopes() : request.getScopes();
		if (!client.getScopes().containsAll(scope)) {
			throw OAuth2Errors.invalidScope();
		}
		return new IssuedTokens(this.accessTokens.issue(client, client.getClientId(), scope, null,
				this.policies.forClient(client.getClientId()).accessTtl()), null, null)
			.toAuthentication(clientPrincipal);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2ClientCredentialsAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
