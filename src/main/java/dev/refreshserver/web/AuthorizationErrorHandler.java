package dev.refreshserver.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;
import org.springframework.web.util.UriComponentsBuilder;
import org.springframework.web.util.UriUtils;

/**
 * The authorization endpoint's answer to a refused request. When the redirect URI was validated
 * the error goes back to the client there (RFC 6749 §4.1.2.1), as Spring Authorization Server
 * sends it; otherwise the browser stays here and gets a 400 page that names the one check that
 * failed ({@link AuthorizationRefusals}, rendered by {@link ErrorPages}).
 */
public class AuthorizationErrorHandler implements AuthenticationFailureHandler {

	private final AuthorizationRefusals refusals;

	public AuthorizationErrorHandler(RegisteredClientRepository clients, boolean devMode) {
		this.refusals = new AuthorizationRefusals(clients, devMode);
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST);
		OAuth2AuthorizationCodeRequestAuthenticationToken authorization =
				(exception instanceof OAuth2AuthorizationCodeRequestAuthenticationException refused)
						? refused.getAuthorizationCodeRequestAuthentication() : null;
		if (authorization == null || !StringUtils.hasText(authorization.getRedirectUri())) {
			request.setAttribute(AuthorizationRefusal.ATTRIBUTE, this.refusals.explain(error, request));
			response.sendError(HttpServletResponse.SC_BAD_REQUEST);
			return;
		}
		UriComponentsBuilder redirect = UriComponentsBuilder.fromUriString(authorization.getRedirectUri())
			.queryParam(OAuth2ParameterNames.ERROR, error.getErrorCode());
		addEncoded(redirect, OAuth2ParameterNames.ERROR_DESCRIPTION, error.getDescription());
		addEncoded(redirect, OAuth2ParameterNames.ERROR_URI, error.getUri());
		addEncoded(redirect, OAuth2ParameterNames.STATE, authorization.getState());
		response.sendRedirect(redirect.build(true).toUriString());
	}

	private static void addEncoded(UriComponentsBuilder redirect, String name, String value) {
		if (StringUtils.hasText(value)) {
			redirect.queryParam(name, UriUtils.encode(value, StandardCharsets.UTF_8));
		}
	}
}
