package dev.refreshserver.client;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;

import dev.refreshserver.audit.TokenAudit;
import dev.refreshserver.audit.TokenEvent;

/**
 * The error handler of client authentication: counts each {@code invalid_client} against the
 * client id the request named and the address it came from ({@link ClientLockouts}), then lets
 * {@code delegate} write the error as before.
 */
public class LockoutRecordingFailureHandler implements AuthenticationFailureHandler {

	private final ClientLockouts lockouts;

	private final AuthenticationFailureHandler delegate;

	private final RegisteredClientRepository clients;

	private final TokenAudit audit;

	public LockoutRecordingFailureHandler(ClientLockouts lockouts, AuthenticationFailureHandler delegate,
			RegisteredClientRepository clients, TokenAudit audit) {
		this.lockouts = lockouts;
		this.delegate = delegate;
		this.clients = clients;
		this.audit = audit;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException, ServletException {
		if (exception instanceof OAuth2AuthenticationException oauth2
				&& OAuth2ErrorCodes.INVALID_CLIENT.equals(oauth2.getError().getErrorCode())) {
			PresentedClient presented = PresentedClient.of(request);
			this.lockouts.recordFailure((presented != null) ? presented.clientId() : null, request.getRemoteAddr());
			this.audit.record(TokenEvent.CLIENT_AUTHENTICATION_FAILED,
					AuditedClientId.of(presented, this.clients), "address", request.getRemoteAddr());
		}
		this.delegate.onAuthenticationFailure(request, response, exception);
	}
}
