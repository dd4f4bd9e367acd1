package dev.refreshserver.protocol;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.RequestPath;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, as a 400 {@code invalid_request}, a request whose path Spring cannot parse: Tomcat
 * lets through a path parameter with broken percent-encoding ({@code /oauth2/t;x=%zz}), and
 * Spring's path parsing, further on in every request, would throw on it (a 500, for any path).
 * Runs first, before any filter that parses the path.
 */
public class RequestTargetFilter extends OncePerRequestFilter {

	private final OAuth2ErrorWriter errors;

	public RequestTargetFilter(OAuth2ErrorWriter errors) {
		this.errors = errors;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			RequestPath.parse(request.getRequestURI(), request.getContextPath());
		}
		catch (IllegalArgumentException ex) {
			this.errors.write(response, HttpStatus.BAD_REQUEST,
					OAuth2Errors.invalidRequest("The request path has a malformed percent-encoding").getError());
			return;
		}
		chain.doFilter(request, response);
	}
}
