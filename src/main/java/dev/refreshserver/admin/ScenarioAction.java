package dev.refreshserver.admin;

import java.util.Locale;

/** What a scripted scenario does to the next matching refresh_token request. */
public enum ScenarioAction {

	/** Answers {@code invalid_grant}; the presented token stays valid. */
	INVALID_GRANT,

	/** Answers 500 {@code server_error}; the presented token stays valid. */
	SERVER_ERROR,

	/** Answers 503 {@code temporarily_unavailable} with {@code Retry-After}; the token stays valid. */
	TEMPORARILY_UNAVAILABLE,

	/** Answers 429 with {@code Retry-After}; the token stays valid. */
	RATE_LIMITED,

	/** Waits {@code delay_ms}, then refreshes normally. */
	DELAY,

	/** Refreshes without rotating, and the response has no {@code refresh_token} (RFC 6749 §6 allows it). */
	OMIT_REFRESH_TOKEN,

	/** Refreshes normally, but the access token's {@code exp} is already past. */
	EXPIRED_ACCESS_TOKEN,

	/** Refreshes (the rotation commits), then closes the connection without any response. */
	LOST_RESPONSE,

	/** Refreshes normally, with {@code "expires_in": "600"} as a string. */
	EXPIRES_IN_AS_STRING,

	/** Refreshes normally, but the ID token names another issuer (signed correctly). */
	ID_TOKEN_WRONG_ISS,

	/** Refreshes normally, but the ID token is about another subject (signed correctly). */
	ID_TOKEN_WRONG_SUB,

	/** Refreshes normally, but the ID token is for another audience (signed correctly). */
	ID_TOKEN_WRONG_AUD,

	/** Refreshes normally, but the ID token's signature does not verify. */
	ID_TOKEN_BAD_SIGNATURE;

	public String id() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The action named {@code id}, or null for none. */
	static ScenarioAction of(String id) {
		for (ScenarioAction action : values()) {
			if (action.id().equals(id)) {
				return action;
			}
		}
		return null;
	}

	/** True for the scripted errors, which consume nothing. */
	boolean isError() {
		return this == INVALID_GRANT || this == SERVER_ERROR || this == TEMPORARILY_UNAVAILABLE || this == RATE_LIMITED;
	}
}
