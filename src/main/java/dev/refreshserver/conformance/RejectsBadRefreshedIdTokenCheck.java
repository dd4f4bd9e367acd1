package dev.refreshserver.conformance;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A refresh response whose ID token fails validation (a scripted {@code id_token_*} scenario: another
 * issuer, subject or audience, or a broken signature) must be rejected as a whole (OpenID Connect
 * Core §12.2): the client neither calls userinfo with its access token nor presents its refresh
 * token. Observed only after such a scenario was delivered.
 */
@Component
@Order(110)
class RejectsBadRefreshedIdTokenCheck extends ConformanceCheck {

	RejectsBadRefreshedIdTokenCheck() {
		super("rejects-bad-refreshed-id-token", "Rejects a refresh response whose ID token fails validation",
				"Validate the ID token of every refresh response as you validated the first one (signature, iss, aud, "
					+ "exp), and check that its iss and sub are those of the original ID token (OpenID Connect Core "
					+ "§12.2). When it fails, use neither the access token nor the refresh token of that response: end "
					+ "the session and log the user in again.");
	}

	@Override
	public CheckResult evaluate(ClientTraffic traffic) {
		List<Observation> faulty = traffic.refreshes()
			.stream()
			.filter((refresh) -> refresh.idTokenFault() != null && refresh.succeeded())
			.toList();
		List<String> failures = new ArrayList<>();
		for (Observation response : faulty) {
			for (Observation later : traffic.all()) {
				if (later.start().isAfter(response.end())) {
					String use = useOf(response, later);
					if (use != null) {
						failures.add(later.label() + " " + use + " of " + response.label() + ", whose ID token was "
								+ "scripted to fail validation (" + response.idTokenFault() + ")");
					}
				}
			}
		}
		return verdict(!faulty.isEmpty(), failures, List.of(Outcomes.count(faulty.size(), "refresh response",
				"refresh responses") + " with an ID token that fails validation; none of their tokens was used"));
	}

	/** How {@code later} used a token of {@code response}, or null when it did not. */
	private static String useOf(Observation response, Observation later) {
		// with reuse (no rotation) the response handed back the token the client already had
		boolean newRefreshToken = response.deliveredToken() != null
				&& !response.deliveredToken().equals(response.presentedToken());
		if (later.isRefresh() && newRefreshToken && response.deliveredToken().equals(later.presentedToken())) {
			return "presented the refresh token";
		}
		if (later.kind() == Observation.Kind.USERINFO && response.deliveredAccessToken() != null
				&& response.deliveredAccessToken().equals(later.presentedAccessToken())) {
			return "called userinfo with the access token";
		}
		return null;
	}
}
