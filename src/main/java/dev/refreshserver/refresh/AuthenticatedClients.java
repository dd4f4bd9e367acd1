package dev.refreshserver.refresh;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;

import dev.refreshserver.protocol.OAuth2Errors;

/** The client that the client-authentication filter authenticated for a grant request. */
public final class AuthenticatedClients {

	private AuthenticatedClients() {
	}

	public static OAuth2ClientAuthenticationToken of(Authentication grantRequest) {
		if (grantRequest.getPrincipal() instanceof OAuth2ClientAuthenticationToken client
				&& client.isAuthenticated()) {
			return client;
		}
		throw OAuth2Errors.error(OAuth2ErrorCodes.INVALID_CLIENT, "Client authentication is required");
	}
}
