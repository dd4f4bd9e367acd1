package dev.refreshserver.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * After a rotation only the newest refresh token is presented. A retry with the old token inside
 * the grace window (the server answers with the same successor) is not a reuse; neither is a
 * request sent before the successor's response was complete (that is a race, graded by
 * {@code no-concurrent-refresh}).
 */
@Component
@Order(30)
class NewestTokenOnlyCheck extends ConformanceCheck {

	NewestTokenOnlyCheck() {
		super("newest-token-only", "Only the newest refresh token is presented after a rotation",
				"Store the refresh_token of every successful response at once, replacing the old one, and present "
					+ "only that one: a rotated-out token is treated as stolen and revokes the whole grant.");
	}

	@Override
	public CheckResult evaluate(ClientTraffic traffic) {
		List<String> failures = new ArrayList<>();
		int afterRotation = 0;
		for (Observation refresh : traffic.refreshes()) {
			if (refresh.presentedToken() == null) {
				continue;
			}
			Optional<Observation> rotation = traffic.successorDelivery(refresh.presentedToken())
				.filter((delivery) -> delivery.number() != refresh.number())
				.filter((delivery) -> delivery.end().isBefore(refresh.start()));
			if (rotation.isEmpty()) {
				afterRotation += rotatedBefore(traffic, refresh) ? 1 : 0;
				continue;
			}
			afterRotation++;
			boolean graceRetry = refresh.succeeded()
					&& rotation.get().deliveredToken().equals(refresh.deliveredToken());
			if (!graceRetry) {
				failures.add(refresh.label() + " presented " + TokenHashes.label(refresh.presentedToken())
						+ ", whose successor had been delivered by " + rotation.get().label() + "; answered "
						+ Outcomes.of(refresh));
			}
		}
		return verdict(afterRotation > 0, failures,
				List.of(Outcomes.count(afterRotation, "refresh", "refreshes")
						+ " after a rotation, each with the newest token (or a grace-window retry)"));
	}

	/** Whether some token of this refresh's family had been rotated before it arrived. */
	private static boolean rotatedBefore(ClientTraffic traffic, Observation refresh) {
		String family = traffic.familyOf(refresh);
		return family != null && traffic.refreshesOf(family)
			.stream()
			.anyMatch((earlier) -> earlier.deliveredToken() != null && earlier.end().isBefore(refresh.start())
					&& !earlier.deliveredToken().equals(earlier.presentedToken()));
	}
}
