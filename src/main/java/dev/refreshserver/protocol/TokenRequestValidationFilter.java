package dev.refreshserver.protocol;

import java.io.IOException;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Protocol hygiene for the token, revocation and introspection endpoints, before any client
 * authentication: POST only, a form body only (RFC 6749 §3.2, never the query string, where
 * credentials would be logged), no repeated parameter (§3.1) and one client authentication
 * method per request (§2.3). Each violation is a §5.2 {@code invalid_request}.
 */
public class TokenRequestValidationFilter extends OncePerRequestFilter {

	private final Set<String> endpoints;

	private final OAuth2ErrorWriter errors;

	public TokenRequestValidationFilter(Set<String> endpoints, OAuth2ErrorWriter errors) {
		this.endpoints = endpoints;
		this.errors = errors;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.endpoints.contains(request.getRequestURI().substring(request.getContextPath().length()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (!HttpMethod.POST.matches(request.getMethod())) {
			response.setHeader(HttpHeaders.ALLOW, HttpMethod.POST.name());
			this.errors.write(response, HttpStatus.METHOD_NOT_ALLOWED,
					invalidRequest("This endpoint accepts POST only"));
			return;
		}
		String violation = violation(request);
		if (violation != null) {
			this.errors.write(request, response, invalidRequest(violation));
			return;
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			this.errors.write(request, response, new OAuth2Error(OAuth2ErrorCodes.INVALID_CLIENT,
					"Client authentication supports the Basic scheme only", OAuth2Errors.TOKEN_ERROR_URI));
			return;
		}
		chain.doFilter(request, response);
	}

	private static String violation(HttpServletRequest request) {
		if (!isForm(request.getContentType())) {
			return "The request body must be application/x-www-form-urlencoded";
		}
		if (request.getQueryString() != null && !request.getQueryString().isEmpty()) {
			return "Parameters must be sent in the request body, not in the query string";
		}
		Map<String, String[]> parameters;
		try {
			parameters = request.getParameterMap();
		}
		catch (IllegalStateException ex) {
			// the container could not decode the body (e.g. broken percent-encoding)
			return "The request body is not valid application/x-www-form-urlencoded";
		}
		for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
			if (parameter.getValue().length > 1) {
				return "Parameter '" + parameter.getKey() + "' is repeated";
			}
		}
		if (request.getHeader(HttpHeaders.AUTHORIZATION) != null
				&& request.getParameter(OAuth2ParameterNames.CLIENT_SECRET) != null) {
			return "Use exactly one client authentication method: the Authorization header or client_secret";
		}
		return null;
	}

	private static boolean isForm(String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			return MediaType.APPLICATION_FORM_URLENCODED.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static OAuth2Error invalidRequest(String description) {
		return new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, OAuth2Errors.TOKEN_ERROR_URI);
	}
}
