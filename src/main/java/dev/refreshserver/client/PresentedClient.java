package dev.refreshserver.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;

/**
 * The client a request claims to be and the secret it presents, read the way client
 * authentication reads them: Basic credentials (RFC 6749 §2.3.1, form-urlencoded then Base64),
 * else {@code client_id} and {@code client_secret} parameters. {@code secret} is null for a
 * request that names a client without a secret.
 */
record PresentedClient(String clientId, String secret) {

	/** The client a request names, or null when it names none or its Basic credentials do not decode. */
	static PresentedClient of(HttpServletRequest request) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
						StandardCharsets.UTF_8);
				int colon = credentials.indexOf(':');
				return (colon < 0) ? null
						: new PresentedClient(formDecode(credentials.substring(0, colon)),
								formDecode(credentials.substring(colon + 1)));
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}
		String clientId = request.getParameter(OAuth2ParameterNames.CLIENT_ID);
		// (the parameters were read before, by TokenRequestFilter, which refuses any it cannot decode)
		return (clientId == null || clientId.isEmpty()) ? null
				: new PresentedClient(clientId, request.getParameter(OAuth2ParameterNames.CLIENT_SECRET));
	}

	private static String formDecode(String value) {
		return URLDecoder.decode(value, StandardCharsets.UTF_8);
	}
}
