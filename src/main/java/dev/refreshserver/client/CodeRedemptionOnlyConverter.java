package dev.refreshserver.client;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.util.Assert;

/**
 * Limits a client-authentication converter to the token endpoint. Spring Authorization
 * Server's PKCE client authentication ({@code PublicClientAuthenticationConverter}) accepts a
 * {@code client_id} with a code and its {@code code_verifier} on every endpoint that
 * authenticates clients; outside a code redemption that proves nothing about the caller (a
 * code already redeemed still verifies), so a public client could introspect other clients'
 * tokens with one. A code and its verifier authenticate only the redemption of that code.
 */
public class CodeRedemptionOnlyConverter implements AuthenticationConverter {

	private final AuthenticationConverter delegate;

	private final String tokenEndpoint;

	public CodeRedemptionOnlyConverter(AuthenticationConverter delegate, String tokenEndpoint) {
		Assert.notNull(delegate, "delegate cannot be null");
		Assert.hasText(tokenEndpoint, "tokenEndpoint cannot be empty");
		this.delegate = delegate;
		this.tokenEndpoint = tokenEndpoint;
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		return this.tokenEndpoint.equals(request.getServletPath()) ? this.delegate.convert(request) : null;
	}
}
