package dev.refreshserver.protocol;

import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * Not an error: the request was processed, and its connection is to be closed without any
 * response, as when a response is lost on the wire ({@link OAuth2ErrorWriter} does the closing).
 */
public class DroppedResponse extends OAuth2AuthenticationException {

	/** Set (to true) on a request whose response was dropped, for observers at the HTTP edge. */
	public static final String REQUEST_ATTRIBUTE = DroppedResponse.class.getName();

	public DroppedResponse() {
		super(OAuth2ErrorCodes.SERVER_ERROR);
	}
}
