package dev.refreshserver.conformance;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * How a client encoded the id and secret inside its Basic credentials: RFC 6749 §2.3.1 says
 * form-urlencode each, then Base64; plain RFC 7617 Basic Base64-encodes them as they are. The
 * two differ only for characters form encoding escapes, so for most ids and secrets it cannot
 * be told. Only the classification is kept, never the credentials.
 */
public enum BasicEncoding {

	FORM_ENCODED("RFC 6749 (form-encoded id and secret)"),
	RAW("RFC 7617 (id and secret as they are, not form-encoded)"),
	INDISTINGUISHABLE("cannot be told: the id and secret have no character the two encodings write differently");

	/** What form encoding leaves as it is; anything else in the credentials was not form-encoded. */
	private static final Pattern FORM_SAFE = Pattern.compile("[A-Za-z0-9*._\\-%+]*");

	/** A percent escape or a plus: what form encoding writes for the characters it escapes. */
	private static final Pattern FORM_ESCAPE = Pattern.compile(".*(%[0-9A-Fa-f]{2}|\\+).*", Pattern.DOTALL);

	private final String description;

	BasicEncoding(String description) {
		this.description = description;
	}

	public String description() {
		return this.description;
	}

	/** The encoding of a Basic {@code Authorization} header's credentials, or null when they do not decode. */
	static BasicEncoding of(String authorization) {
		String credentials;
		try {
			credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
					StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		String pair = credentials.replaceFirst(":", "");
		if (!FORM_SAFE.matcher(pair).matches()) {
			return RAW;
		}
		return FORM_ESCAPE.matcher(pair).matches() ? FORM_ENCODED : INDISTINGUISHABLE;
	}
}
