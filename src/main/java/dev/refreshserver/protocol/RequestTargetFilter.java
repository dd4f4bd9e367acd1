package dev.refreshserver.protocol;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.RequestPath;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses, as a 400 {@code invalid_request}, a request whose path Spring cannot parse: Tomcat
 * lets through a path parameter with broken percent-encoding ({@code /oauth2/t;x=%zz}), and
 * Spring's path parsing, further on in every request, would throw on it (a 500, for any path).
 * Likewise a form body Tomcat cannot decode, wherever something first asks for a parameter:
 * Tomcat would log the exception, quoting the parameter (which may be a token), and answer with
 * its error page. Runs first, before any filter that parses the path.
 */
public class RequestTargetFilter extends OncePerRequestFilter {

	private final OAuth2ErrorWriter errors;

	public RequestTargetFilter(OAuth2ErrorWriter errors) {
		this.errors = errors;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
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
		try {
			chain.doFilter(request, response);
		}
		catch (RuntimeException | ServletException ex) {
			if (response.isCommitted() || !undecodableParameters(ex)) {
				throw ex;
			}
			this.errors.write(response, HttpStatus.BAD_REQUEST,
					OAuth2Errors.invalidRequest("The request's parameters cannot be decoded").getError());
		}
	}

	/** Tomcat's exception for a body it cannot decode, as thrown or as wrapped on the way out. */
	private static boolean undecodableParameters(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InvalidParameterException) {
				return true;
			}
		}
		return false;
	}
}
