package dev.refreshserver.protocol;

import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;

/** An OAuth error answered with its own status (503, 429) and a {@code Retry-After} in seconds. */
public class RetryLater extends OAuth2AuthenticationException {

	private final HttpStatus status;

	private final Duration retryAfter;

	public RetryLater(OAuth2Error error, HttpStatus status, Duration retryAfter) {
		super(error);
		this.status = status;
		this.retryAfter = retryAfter;
	}

	public HttpStatus status() {
		return this.status;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}
}
