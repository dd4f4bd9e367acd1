package dev.refreshserver.conformance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * After a 429 or 503 with {@code Retry-After}, no request for that grant (for any grant, when the
 * refusal concerned none) arrives before the given seconds have passed on the server clock.
 */
@Component
@Order(90)
class HonoursRetryAfterCheck extends ConformanceCheck {

	HonoursRetryAfterCheck() {
		super("honours-retry-after", "Waits as long as Retry-After says",
				"After a 429 or 503 with Retry-After, wait at least that many seconds before the next attempt (and back "
					+ "off exponentially when there is none); keep using the current access token until then if it is still valid.");
	}

	@Override
	public CheckResult evaluate(ClientTraffic traffic) {
		List<String> failures = new ArrayList<>();
		int given = 0;
		for (Observation refused : traffic.tokenRequests()) {
			if (refused.retryAfter() == null) {
				continue;
			}
			given++;
			String family = traffic.familyOf(refused);
			Instant allowed = refused.end().plus(refused.retryAfter());
			for (Observation later : traffic.tokenRequests()) {
				// a refusal that concerned no grant (e.g. a lockout) holds for every request of the client
				boolean sameGrant = family == null || family.equals(traffic.familyOf(later));
				if (sameGrant && later.start().isAfter(refused.end()) && later.start().isBefore(allowed)) {
					failures.add(later.label() + " came " + Times.format(Duration.between(refused.end(), later.start()))
							+ " after " + refused.label() + " was told Retry-After " + refused.retryAfter().toSeconds() + " s");
				}
			}
		}
		return verdict(given > 0, failures,
				List.of(Outcomes.count(given, "answer", "answers")
						+ " with Retry-After, each waited out"));
	}
}
