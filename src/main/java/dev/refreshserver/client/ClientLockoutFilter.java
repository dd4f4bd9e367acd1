package dev.refreshserver.client;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.refreshserver.audit.TokenAudit;
import dev.refreshserver.audit.TokenEvent;
import dev.refreshserver.protocol.OAuth2ErrorWriter;
import dev.refreshserver.protocol.OAuth2Errors;
import dev.refreshserver.protocol.RetryLater;

/**
 * Stands in front of client authentication at the token, revocation and introspection
 * endpoints. While the client id a request names, or the address it comes from, is locked out
 * ({@link ClientLockouts}), the request is answered 429 {@code temporarily_unavailable} with
 * {@code Retry-After}, without running the slow password hash, unless it presents a secret that
 * was verified for that client within the last minutes ({@link VerifiedSecretCache}) or names a
 * public client (no secret to guess). So guessing stops while honest clients go on.
 */
public class ClientLockoutFilter extends OncePerRequestFilter {

	private final RequestMatcher endpoints;

	private final ClientLockouts lockouts;

	private final RegisteredClientRepository clients;

	private final VerifiedSecretCache secrets;

	private final OAuth2ErrorWriter errors;

	private final TokenAudit audit;

	public ClientLockoutFilter(RequestMatcher endpoints, ClientLockouts lockouts, RegisteredClientRepository clients,
			VerifiedSecretCache secrets, OAuth2ErrorWriter errors, TokenAudit audit) {
		this.endpoints = endpoints;
		this.lockouts = lockouts;
		this.clients = clients;
		this.secrets = secrets;
		this.errors = errors;
		this.audit = audit;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.endpoints.matches(request);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		PresentedClient presented = PresentedClient.of(request);
		String clientId = (presented != null) ? presented.clientId() : null;
		Duration locked = this.lockouts.lockedFor(clientId, request.getRemoteAddr());
		if (locked.isZero() || (presented != null && known(presented))) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = Math.max(1, (locked.toMillis() + 999) / 1000); // rounded up: never early
		this.audit.record(TokenEvent.RATE_LIMITED, AuditedClientId.of(presented, this.clients), "address",
				request.getRemoteAddr());
		this.errors.write(response, new RetryLater(new OAuth2Error(OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE,
				"Too many failed client authentications: try again after Retry-After seconds",
				OAuth2Errors.TOKEN_ERROR_URI), HttpStatus.TOO_MANY_REQUESTS, Duration.ofSeconds(seconds)));
	}

	/** A secret verified for this client recently, or a public client naming itself (nothing to guess). */
	private boolean known(PresentedClient presented) {
		RegisteredClient client = this.clients.findByClientId(presented.clientId());
		if (client == null) {
			return false;
		}
		if (presented.secret() == null) {
			return client.getClientAuthenticationMethods().contains(ClientAuthenticationMethod.NONE);
		}
		return this.secrets.recentlyVerified(presented.secret(), client.getClientSecret());
	}
}
