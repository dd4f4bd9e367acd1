package dev.refreshserver.client;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationConverter;
import org.springframework.util.StringUtils;

/**
 * {@code client_secret_basic} (RFC 6749 §2.3.1) read exactly as Spring Authorization Server's
 * {@code ClientSecretBasicAuthenticationConverter} reads it, but without compiling a regular
 * expression for every request (it splits the header with {@code split("\\s")}: ~2.5 % of a
 * refresh's CPU). A code redemption still goes to SAS's converter, which also hands the code
 * grant's parameters to PKCE.
 */
public final class ClientSecretBasicConverter implements AuthenticationConverter {

	private final AuthenticationConverter codeRedemptions;

	/** @param codeRedemptions Spring Authorization Server's own converter */
	public ClientSecretBasicConverter(AuthenticationConverter codeRedemptions) {
		this.codeRedemptions = codeRedemptions;
	}

	@Override
	public Authentication convert(HttpServletRequest request) {
		String header = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (header == null) {
			return null;
		}
		if (AuthorizationGrantType.AUTHORIZATION_CODE.getValue()
			.equals(request.getParameter(OAuth2ParameterNames.GRANT_TYPE))) {
			return this.codeRedemptions.convert(request);
		}
		List<String> parts = splitAtWhitespace(header);
		if (parts.isEmpty() || !parts.get(0).equalsIgnoreCase("Basic")) {
			return null;
		}
		if (parts.size() != 2) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
		}
		String[] credentials = decode(parts.get(1)).split(":", 2);
		if (credentials.length != 2 || !StringUtils.hasText(credentials[0]) || !StringUtils.hasText(credentials[1])) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
		}
		try {
			return new OAuth2ClientAuthenticationToken(URLDecoder.decode(credentials[0], StandardCharsets.UTF_8),
					ClientAuthenticationMethod.CLIENT_SECRET_BASIC,
					URLDecoder.decode(credentials[1], StandardCharsets.UTF_8), Map.of());
		}
		catch (IllegalArgumentException ex) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
		}
	}

	private static String decode(String base64) {
		try {
			return new String(Base64.getDecoder().decode(base64.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new OAuth2AuthenticationException(OAuth2ErrorCodes.INVALID_REQUEST);
		}
	}

	/**
	 * What {@code value.split("\\s")} returns: split at each whitespace character, trailing empty
	 * parts dropped; without whitespace, the value itself (even empty).
	 */
	static List<String> splitAtWhitespace(String value) {
		List<String> parts = new ArrayList<>(2);
		int start = 0;
		for (int i = 0; i < value.length(); i++) {
			if (isRegexWhitespace(value.charAt(i))) {
				parts.add(value.substring(start, i));
				start = i + 1;
			}
		}
		parts.add(value.substring(start));
		if (parts.size() == 1) {
			return parts;
		}
		while (!parts.isEmpty() && parts.get(parts.size() - 1).isEmpty()) {
			parts.remove(parts.size() - 1);
		}
		return parts;
	}

	/** {@code \s}: space, tab, newline, vertical tab, form feed, carriage return. */
	private static boolean isRegexWhitespace(char c) {
		return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
	}
}
