package dev.refreshserver.audit;

import java.util.Locale;

/** What happened to a grant or at client authentication: the kinds of audit event. */
public enum TokenEvent {

	/** A family was opened: a redeemed authorization code or a minted grant. */
	GRANT_ISSUED,

	/** A refresh succeeded: a new refresh token (rotation) or the same one slid forward (reuse mode). */
	REFRESHED,

	/** A rotated-out refresh token or a redeemed authorization code was presented again. */
	REUSE_DETECTED,

	/** A family was revoked: by reuse detection or by its client (the reason says which). */
	FAMILY_REVOKED,

	/** A live refresh token was presented with a scope beyond its grant. */
	SCOPE_REFUSED,

	/** A client failed to authenticate at the token, revocation or introspection endpoint. */
	CLIENT_AUTHENTICATION_FAILED,

	/** Requests were refused because of repeated failed client authentication. */
	RATE_LIMITED;

	/** The name in logs and metrics, e.g. {@code reuse_detected}. */
	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}
}
