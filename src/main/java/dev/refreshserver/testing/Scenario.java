package dev.refreshserver.testing;

import java.time.Duration;
import java.util.Objects;

import dev.refreshserver.admin.ScenarioAction;

/**
 * What the next refresh_token requests of a client get, as {@code POST /admin/scenarios}
 * scripts it: one factory per action, then optionally {@link #times(int)} and
 * {@link #forSubject(String)}. Queue it with {@code server.scenarios().next(clientId, ...)}.
 * Immutable: the modifiers return a new scenario.
 */
public final class Scenario {

	private final ScenarioAction action;

	private final int times;

	private final String subject;

	private final Duration delay;

	private final Duration retryAfter;

	private Scenario(ScenarioAction action, int times, String subject, Duration delay, Duration retryAfter) {
		this.action = Objects.requireNonNull(action, "action");
		if (times < 1) {
			throw new IllegalArgumentException("times must be at least 1");
		}
		if (delay.isNegative() || retryAfter.isNegative()) {
			throw new IllegalArgumentException("delay and retry-after cannot be negative");
		}
		this.times = times;
		this.subject = subject;
		this.delay = delay;
		this.retryAfter = retryAfter;
	}

	/** Any action, including ones added after these factories; 503 and 429 retry after 1 s. */
	public static Scenario of(ScenarioAction action) {
		boolean retries = action == ScenarioAction.TEMPORARILY_UNAVAILABLE || action == ScenarioAction.RATE_LIMITED;
		return new Scenario(action, 1, null, Duration.ZERO, retries ? Duration.ofSeconds(1) : Duration.ZERO);
	}

	/** 400 {@code invalid_grant}; the presented refresh token stays valid. */
	public static Scenario invalidGrant() {
		return of(ScenarioAction.INVALID_GRANT);
	}

	/** 500 {@code server_error}; the presented refresh token stays valid. */
	public static Scenario serverError() {
		return of(ScenarioAction.SERVER_ERROR);
	}

	/** 503 {@code temporarily_unavailable} with {@code Retry-After}; the token stays valid. */
	public static Scenario temporarilyUnavailable(Duration retryAfter) {
		return of(ScenarioAction.TEMPORARILY_UNAVAILABLE).withRetryAfter(retryAfter);
	}

	/** 429 with {@code Retry-After}; the token stays valid. */
	public static Scenario rateLimited(Duration retryAfter) {
		return of(ScenarioAction.RATE_LIMITED).withRetryAfter(retryAfter);
	}

	/** Waits {@code delay}, then refreshes normally. */
	public static Scenario delay(Duration delay) {
		Scenario scenario = of(ScenarioAction.DELAY);
		return new Scenario(scenario.action, 1, null, Objects.requireNonNull(delay, "delay"), Duration.ZERO);
	}

	/** Refreshes without rotating; the response carries no {@code refresh_token}. */
	public static Scenario omitRefreshToken() {
		return of(ScenarioAction.OMIT_REFRESH_TOKEN);
	}

	/** Refreshes, but the new access token's {@code exp} is already past. */
	public static Scenario expiredAccessToken() {
		return of(ScenarioAction.EXPIRED_ACCESS_TOKEN);
	}

	/** Refreshes (the rotation commits), then closes the connection without a response. */
	public static Scenario lostResponse() {
		return of(ScenarioAction.LOST_RESPONSE);
	}

	/** Refreshes, with {@code "expires_in": "600"} as a string. */
	public static Scenario expiresInAsString() {
		return of(ScenarioAction.EXPIRES_IN_AS_STRING);
	}

	/** The same for the next {@code times} matching requests (default 1). */
	public Scenario times(int times) {
		return new Scenario(this.action, times, this.subject, this.delay, this.retryAfter);
	}

	/** The same, only for refresh tokens of {@code subject}'s grants. */
	public Scenario forSubject(String subject) {
		return new Scenario(this.action, this.times, Objects.requireNonNull(subject, "subject"), this.delay,
				this.retryAfter);
	}

	private Scenario withRetryAfter(Duration retryAfter) {
		return new Scenario(this.action, this.times, this.subject, this.delay,
				Objects.requireNonNull(retryAfter, "retryAfter"));
	}

	public ScenarioAction action() {
		return this.action;
	}

	public int times() {
		return this.times;
	}

	/** The subject it is limited to, or null for every grant of the client. */
	public String subject() {
		return this.subject;
	}

	public Duration delay() {
		return this.delay;
	}

	public Duration retryAfter() {
		return this.retryAfter;
	}

	@Override
	public String toString() {
		return this.action.id() + " x" + this.times + ((this.subject != null) ? " for " + this.subject : "");
	}
}
