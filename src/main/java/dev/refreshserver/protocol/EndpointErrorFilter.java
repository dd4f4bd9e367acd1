package dev.refreshserver.protocol;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * An error the container forwards to {@code /error} for a request to one of the OAuth endpoints
 * (a {@code TRACE}, which Tomcat refuses before any filter runs; an exception nothing caught) is
 * answered as RFC 6749 §5.2 JSON here, on the error dispatch, instead of by Spring Boot's error
 * page, which would be HTML for a client that accepts HTML.
 */
public class EndpointErrorFilter extends OncePerRequestFilter {

	private final Set<String> endpoints;

	private final OAuth2ErrorWriter errors;

	/** @param endpoints every served path of the token, revocation and introspection endpoints */
	public EndpointErrorFilter(Set<String> endpoints, OAuth2ErrorWriter errors) {
		this.endpoints = endpoints;
		this.errors = errors;
	}

	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return request.getDispatcherType() != DispatcherType.ERROR
				|| !this.endpoints.contains(normalized(request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI),
						request.getContextPath()));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = HttpStatus.resolve((code instanceof Integer value) ? value : 500);
		status = (status != null) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
		if (status == HttpStatus.METHOD_NOT_ALLOWED) {
			response.setHeader(HttpHeaders.ALLOW, "POST");
			this.errors.write(response, status,
					OAuth2Errors.invalidRequest("This endpoint accepts POST only").getError());
		}
		else if (status.is5xxServerError()) {
			this.errors.write(response, status, new OAuth2Error(OAuth2ErrorCodes.SERVER_ERROR,
					"The server could not complete the request", OAuth2Errors.TOKEN_ERROR_URI));
		}
		else {
			this.errors.write(response, status,
					OAuth2Errors.invalidRequest("The request cannot be served").getError());
		}
	}

	/**
	 * The path a raw request URI names, as the container maps it: without the context path, path
	 * parameters and escapes, with dot segments resolved, {@code //} and a trailing slash ignored.
	 */
	private static String normalized(Object requestUri, String contextPath) {
		if (!(requestUri instanceof String uri) || !uri.startsWith(contextPath)) {
			return "";
		}
		String path;
		try {
			path = URLDecoder.decode(uri.substring(contextPath.length()).replaceAll(";[^/]*", "").replace("+", "%2B"),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return "";
		}
		Deque<String> segments = new ArrayDeque<>();
		for (String segment : path.split("/")) {
			if (segment.equals("..")) {
				segments.pollLast();
			}
			else if (!segment.isEmpty() && !segment.equals(".")) {
				segments.addLast(segment);
			}
		}
		return "/" + String.join("/", segments);
	}
}
