package dev.refreshserver.admin;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import dev.refreshserver.protocol.OAuth2ErrorWriter;

/** Every refused admin call answers in the same RFC 6749 §5.2 JSON as the OAuth endpoints. */
@RestControllerAdvice(basePackageClasses = AdminErrors.class)
class AdminErrors {

	private final OAuth2ErrorWriter errors;

	AdminErrors(OAuth2ErrorWriter errors) {
		this.errors = errors;
	}

	@ExceptionHandler(OAuth2AuthenticationException.class)
	void oauth2Error(OAuth2AuthenticationException ex, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		this.errors.write(request, response, ex.getError());
	}
}
