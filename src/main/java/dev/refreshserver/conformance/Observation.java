package dev.refreshserver.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * One request a client made, as the conformance checks see it: its shape and outcome, with
 * times on the server clock. Tokens appear only as {@link TokenHashes hashes}; of secrets and
 * query parameters only names are kept.
 * @param number this client's requests counted from 1 since the last reset, in the order they completed
 * @param kind a token-endpoint request, or a grant minted through {@code /admin/grants}
 * @param contentType the media type of the body (without parameters), or null
 * @param credentialsInQuery names of credentials and tokens the query string carried
 * @param authMethod {@code client_secret_basic}, {@code client_secret_post}, {@code none}, or null
 * @param basicEncoding how Basic credentials were encoded, or null without them
 * @param presentedToken hash of the refresh token presented, or null
 * @param scope the scope asked for, or null
 * @param error the RFC 6749 error code answered, or null
 * @param deliveredToken hash of the refresh token in the response, or null
 * @param refreshTokenOmitted a successful refresh answered without a refresh token
 * @param accessTokenLifetime the access token's {@code expires_in}, or null
 * @param retryAfter the {@code Retry-After} given, or null
 * @param lostResponse the request was processed and its connection closed without an answer
 * @param deliveredAccessToken hash of the access token in the response, or null
 * @param idTokenFault the scripted fault of the response's ID token (a scenario action), or null
 * @param presentedAccessToken hash of the access token a userinfo request presented, or null
 */
public record Observation(long number, Kind kind, Instant start, Instant end, String method, String contentType,
		Set<String> credentialsInQuery, boolean parametersInQuery, String authMethod, BasicEncoding basicEncoding,
		String grantType, String presentedToken, String scope, int status, String error, String deliveredToken,
		boolean refreshTokenOmitted, Duration accessTokenLifetime, Duration retryAfter, boolean lostResponse,
		String deliveredAccessToken, String idTokenFault, String presentedAccessToken) {

	public Observation {
		credentialsInQuery = Set.copyOf(credentialsInQuery);
	}

	/** What the request was. */
	public enum Kind {

		TOKEN_REQUEST, MINTED_GRANT,

		/** A userinfo request with a live access token of this client. */
		USERINFO
	}

	public boolean isRefresh() {
		return this.kind == Kind.TOKEN_REQUEST && "refresh_token".equals(this.grantType);
	}

	public boolean succeeded() {
		return this.status == 200 && !this.lostResponse;
	}

	/** A short label for evidence: {@code #3 (12:00:01.250Z)}. */
	public String label() {
		return "#" + this.number + " (" + Times.format(this.start) + ")";
	}
}
