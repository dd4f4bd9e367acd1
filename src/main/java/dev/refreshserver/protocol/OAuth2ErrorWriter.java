package dev.refreshserver.protocol;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.stereotype.Component;

/**
 * Writes every error of the OAuth endpoints as RFC 6749 §5.2 JSON with the status its code
 * calls for: 401 for {@code invalid_client}, always with a {@code WWW-Authenticate: Basic}
 * challenge (RFC 9110 §15.5.2 requires one on every 401, and Basic is the one scheme these
 * endpoints take), 400 for the rest. Never a stack trace, never cacheable.
 */
@Component
public class OAuth2ErrorWriter implements AuthenticationFailureHandler {

	static final String REALM = "Basic realm=\"refresh-server\"";

	private final JsonMapper json;

	public OAuth2ErrorWriter(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
			AuthenticationException exception) throws IOException {
		if (exception instanceof DroppedResponse) {
			request.setAttribute(DroppedResponse.REQUEST_ATTRIBUTE, Boolean.TRUE);
			Connections.closeWithoutResponse(response);
			return;
		}
		if (exception instanceof RetryLater later) {
			write(response, later);
			return;
		}
		OAuth2Error error = (exception instanceof OAuth2AuthenticationException oauth2) ? oauth2.getError()
				: new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, exception.getMessage(), null);
		write(request, response, error);
	}

	public void write(HttpServletRequest request, HttpServletResponse response, OAuth2Error error)
			throws IOException {
		HttpStatus status = statusOf(error.getErrorCode());
		if (status == HttpStatus.UNAUTHORIZED) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, REALM);
		}
		write(response, status, error);
	}

	/** A refusal for now: its status (503, 429) with {@code Retry-After} in whole seconds. */
	public void write(HttpServletResponse response, RetryLater later) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(later.retryAfter().toSeconds()));
		write(response, later.status(), later.getError());
	}

	public void write(HttpServletResponse response, HttpStatus status, OAuth2Error error) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("error", error.getErrorCode());
		if (error.getDescription() != null) {
			body.put("error_description", error.getDescription());
		}
		if (error.getUri() != null) {
			body.put("error_uri", error.getUri());
		}
		response.resetBuffer();
		response.setStatus(status.value());
		NoStore.apply(response);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getOutputStream().write(this.json.writeValueAsBytes(body));
	}

	static HttpStatus statusOf(String errorCode) {
		return switch (errorCode) {
			case OAuth2ErrorCodes.INVALID_CLIENT, OAuth2ErrorCodes.INVALID_TOKEN -> HttpStatus.UNAUTHORIZED;
			case OAuth2ErrorCodes.SERVER_ERROR -> HttpStatus.INTERNAL_SERVER_ERROR;
			case OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
			default -> HttpStatus.BAD_REQUEST;
		};
	}
}
