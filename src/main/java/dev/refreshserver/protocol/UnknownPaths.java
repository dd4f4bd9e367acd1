package dev.refreshserver.protocol;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.util.StringUtils;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.HandlerMapping;

/**
 * A path no controller serves falls through to the static-resource handler, which answers
 * anything but GET with 405; for a path that does not exist the answer is 404 whatever the
 * method (the body comes from {@link ErrorBodies}). A real endpoint asked with the wrong method
 * still gets 405 with {@code Allow}.
 */
@ControllerAdvice
public class UnknownPaths {

	/** The pattern under which the static-resource handler catches every path nothing else serves. */
	private static final String CATCH_ALL = "/**";

	@ExceptionHandler(HttpRequestMethodNotSupportedException.class)
	public void methodNotSupported(HttpRequestMethodNotSupportedException ex, HttpServletRequest request,
			HttpServletResponse response) throws IOException {
		if (CATCH_ALL.equals(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		if (ex.getSupportedMethods() != null) {
			response.setHeader(HttpHeaders.ALLOW, StringUtils.arrayToDelimitedString(ex.getSupportedMethods(), ", "));
		}
		response.sendError(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
	}
}
