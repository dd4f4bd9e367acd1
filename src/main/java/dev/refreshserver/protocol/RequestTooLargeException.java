package dev.refreshserver.protocol;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/** A request body over the configured limit: an {@code invalid_request} answered with 413, not 400. */
class RequestTooLargeException extends OAuth2AuthenticationException {

	RequestTooLargeException(String description) {
		super(OAuth2Errors.error(OAuth2ErrorCodes.INVALID_REQUEST, description).getError());
	}
}
