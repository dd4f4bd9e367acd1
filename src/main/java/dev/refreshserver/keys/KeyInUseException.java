package dev.refreshserver.keys;

import java.time.Instant;

/** A key cannot be retired yet: it signs new tokens, or tokens it signed may still be live. */
public class KeyInUseException extends IllegalStateException {

	private final Instant retirableAt;

	/** @param retirableAt when the last token it signed expires, or null for the signing key */
	public KeyInUseException(String kid, Instant retirableAt) {
		super((retirableAt == null) ? "Key '" + kid + "' signs new tokens; activate another key first"
				: "Key '" + kid + "' may still verify live access tokens until " + retirableAt);
		this.retirableAt = retirableAt;
	}

	public Instant retirableAt() {
		return this.retirableAt;
	}
}
