package dev.refreshserver.token;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

/**
 * The access token of a protected-resource request (RFC 6750 §2): in the {@code Authorization}
 * header, or in the form body of a POST ({@code access_token}). The query string (§2.3) is refused,
 * since URLs end up in logs, and so is a request that sends the token more than once.
 */
final class BearerToken {

	static final String PARAMETER = "access_token";

	/** RFC 6750 §2.1: {@code b64token}. */
	private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

	private static final Pattern BEARER = Pattern.compile("(?i)bearer( .*)?");

	private BearerToken() {
	}

	/**
	 * The one access token of this request, or null when it carries none.
	 * @throws Refused when it is malformed or sent more than once
	 */
	static String of(HttpServletRequest request) {
		if (request.getQueryString() != null && queryNames(request.getQueryString()).contains(PARAMETER)) {
			throw new Refused("The access token is accepted in the Authorization header or a form body, not in the URL");
		}
		List<String> found = new ArrayList<>();
		var headers = request.getHeaders(HttpHeaders.AUTHORIZATION);
		while (headers.hasMoreElements()) {
			String header = headers.nextElement();
			if (BEARER.matcher(header).matches()) {
				String token = header.substring("Bearer".length()).trim();
				if (!B64TOKEN.matcher(token).matches()) {
					throw new Refused("The Authorization header is not 'Bearer <access token>'");
				}
				found.add(token);
			}
		}
		if (HttpMethod.POST.matches(request.getMethod()) && isForm(request)) {
			String[] values = request.getParameterValues(PARAMETER);
			if (values != null) {
				found.addAll(List.of(values));
			}
		}
		if (found.size() > 1) {
			throw new Refused("Send the access token once, in one way");
		}
		return found.isEmpty() ? null : found.get(0);
	}

	private static boolean isForm(HttpServletRequest request) {
		try {
			return request.getContentType() != null && MediaType.APPLICATION_FORM_URLENCODED
				.isCompatibleWith(MediaType.parseMediaType(request.getContentType()));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private static List<String> queryNames(String query) {
		List<String> names = new ArrayList<>();
		for (String pair : query.split("&")) {
			names.add(pair.split("=", 2)[0]);
		}
		return names;
	}

	/** A request whose token cannot be read: {@code invalid_request} (RFC 6750 §3.1). */
	static final class Refused extends RuntimeException {

		Refused(String description) {
			super(description, null, false, false);
		}

		String error() {
			return OAuth2ErrorCodes.INVALID_REQUEST;
		}
	}
}
