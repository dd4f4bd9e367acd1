package dev.refreshserver.protocol;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

/**
 * A request Spring Security's firewall refuses (a path that is not normalized, a control
 * character in a parameter name, an encoded slash) is answered as an RFC 6749 §5.2
 * {@code invalid_request}, not with the container's error page. The firewall's message is not
 * repeated: it quotes the request.
 */
@Component
public class OAuth2RequestRejectedHandler implements RequestRejectedHandler {

	private final OAuth2ErrorWriter errors;

	public OAuth2RequestRejectedHandler(OAuth2ErrorWriter errors) {
		this.errors = errors;
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response,
			RequestRejectedException requestRejectedException) throws IOException {
		this.errors.write(response, HttpStatus.BAD_REQUEST,
				OAuth2Errors.invalidRequest("The request was rejected as malformed").getError());
	}
}
