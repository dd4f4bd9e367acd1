package dev.refreshserver.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** A refresh token that got {@code invalid_grant} is never presented again. */
@Component
@Order(60)
class StopsAfterInvalidGrantCheck extends ConformanceCheck {

	StopsAfterInvalidGrantCheck() {
		super("stops-after-invalid-grant", "Stops using a refresh token after invalid_grant",
				"invalid_grant is final for that refresh token: drop it and send the user through the authorization "
					+ "flow again (or report the grant as lost). Retrying it only adds load and, with rotation, noise in "
					+ "the provider's reuse detection.");
	}

	@Override
	public CheckResult evaluate(ClientTraffic traffic) {
		List<String> failures = new ArrayList<>();
		Map<String, Observation> refused = traffic.invalidGrants();
		for (Observation refresh : traffic.refreshes()) {
			Observation refusal = (refresh.presentedToken() != null) ? refused.get(refresh.presentedToken()) : null;
			if (refusal != null && refusal.end().isBefore(refresh.start())) {
				failures.add(refresh.label() + " presented " + TokenHashes.label(refresh.presentedToken())
						+ " again after it got invalid_grant in " + refusal.label());
			}
		}
		return verdict(!refused.isEmpty(), failures,
				List.of(Outcomes.count(refused.size(), "refresh token", "refresh tokens")
						+ " got invalid_grant; none was presented again"));
	}
}
