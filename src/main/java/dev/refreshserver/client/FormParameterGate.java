package dev.refreshserver.client;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * Runs a client-authentication converter only when the request has the one parameter without
 * which that converter returns null anyway. Spring Authorization Server's JWT-assertion
 * converter first copies the whole form into a map, for every request that authenticates a
 * client, before it finds no {@code client_assertion_type} in it: a cost paid by every refresh
 * with Basic credentials. Same answers, without the copy.
 */
public final class FormParameterGate implements AuthenticationConverter {

	private final String parameter;

	private final AuthenticationConverter delegate;

	public FormParameterGate(String parameter, AuthenticationConverter delegate) {
		this.parameter = parameter;
		this.delegate = delegate;
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		return (request.getParameter(this.parameter) != null) ? this.delegate.convert(request) : null;
	}
}
