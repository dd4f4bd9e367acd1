package dev.refreshserver.conformance;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/** What the observer reads off a request and its response, without keeping any credential. */
final class RequestShapes {

	/** What must never travel in a query string: secrets, tokens, codes. */
	static final Set<String> CREDENTIALS = Set.of("client_secret", "refresh_token", "access_token", "code",
			"code_verifier", "client_assertion", "password", "token", "id_token_hint");

	private RequestShapes() {
	}

	static Duration retryAfter(HttpServletResponse response) {
		String value = response.getHeader(HttpHeaders.RETRY_AFTER);
		try {
			return (value != null) ? Duration.ofSeconds(Long.parseLong(value.trim())) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	static String authMethod(boolean basic, Map<String, String> parameters) {
		if (basic) {
			return "client_secret_basic";
		}
		if (parameters.containsKey("client_secret")) {
			return "client_secret_post";
		}
		return parameters.containsKey("client_id") ? "none" : null;
	}

	/** The client id of Basic credentials (form-decoded, as client authentication reads it), or null. */
	static String basicClientId(String authorization) {
		try {
			String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
					StandardCharsets.UTF_8);
			int colon = credentials.indexOf(':');
			return (colon > 0) ? URLDecoder.decode(credentials.substring(0, colon), StandardCharsets.UTF_8) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** Names of credentials in a query string; values are never looked at beyond the name. */
	static Set<String> credentialsInQuery(String query) {
		Set<String> names = new TreeSet<>();
		if (query == null) {
			return names;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			try {
				String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
				if (CREDENTIALS.contains(name)) {
					names.add(name);
				}
			}
			catch (IllegalArgumentException ex) {
				// an undecodable name is no credential name
			}
		}
		return names;
	}

	static String mediaType(String contentType) {
		if (contentType == null) {
			return null;
		}
		int semicolon = contentType.indexOf(';');
		String type = ((semicolon < 0) ? contentType : contentType.substring(0, semicolon)).trim();
		return (type.length() > 100) ? type.substring(0, 100) : type;
	}

	static boolean isJson(String contentType) {
		try {
			return contentType != null
					&& MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** The decoded path as the endpoints match it, without a trailing slash. */
	static String pathOf(HttpServletRequest request) {
		String pathInfo = request.getPathInfo();
		String path = (pathInfo != null) ? request.getServletPath() + pathInfo : request.getServletPath();
		return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
	}
}
