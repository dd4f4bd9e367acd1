package dev.refreshserver.keys;

import java.time.Instant;

/**
 * Where a signing key stands: {@code SIGNING} signs new tokens; {@code PUBLISHED} is in the
 * JWKS and has signed nothing yet; {@code RETIRING} no longer signs, and tokens it signed may
 * verify until {@code verifiesUntil}, after which it can be retired.
 */
public record KeyStatus(String kid, String algorithm, Stage stage, Instant verifiesUntil) {

	public enum Stage {
		SIGNING, PUBLISHED, RETIRING
	}
}
