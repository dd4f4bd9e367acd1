package dev.refreshserver.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An access token as the playground shows it: its JOSE header and claims, pretty-printed, and
 * how many seconds of the server clock are left before {@code exp}. Decoded only, not verified
 * (the page shows what a client would see; the resource server verifies).
 */
public record DecodedAccessToken(String header, String claims, Instant expiresAt, long secondsLeft) {

	/** The decoded token, or null when {@code jwt} is not a JWS in compact form. */
	static DecodedAccessToken of(String jwt, JsonMapper json, Instant now) {
		String[] parts = (jwt != null) ? jwt.split("\\.") : new String[0];
		if (parts.length != 3) {
			return null;
		}
		try {
			JsonNode header = json.readTree(decode(parts[0]));
			JsonNode claims = json.readTree(decode(parts[1]));
			JsonNode exp = claims.get("exp");
			Instant expiresAt = (exp != null && exp.isNumber()) ? Instant.ofEpochSecond(exp.asLong()) : null;
			long left = (expiresAt != null) ? Math.max(0, expiresAt.getEpochSecond() - now.getEpochSecond()) : 0;
			return new DecodedAccessToken(json.writerWithDefaultPrettyPrinter().writeValueAsString(header),
					json.writerWithDefaultPrettyPrinter().writeValueAsString(claims), expiresAt, left);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private static String decode(String part) {
		return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
	}
}
