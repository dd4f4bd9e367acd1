package dev.refreshserver.conformance;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * After a refresh whose response was lost (processed, connection closed), the client retries
 * with the same token (inside a grace window the server hands back the successor) or starts
 * over; it fails when it loops: {@value #LOOP} or more {@code invalid_grant} answers for that
 * grant after the loss.
 */
@Component
@Order(100)
class RecoversAfterLostResponseCheck extends ConformanceCheck {

	RecoversAfterLostResponseCheck() {
		super("recovers-after-lost-response", "Recovers after a lost refresh response",
				"When a refresh gets no response, retry once with the same refresh token (a grace window returns the "
					+ "same successor); if that gets invalid_grant, start over with a new authorization instead of retrying.");
	}

	static final int LOOP = 2;

	@Override
	public CheckResult evaluate(ClientTraffic traffic) {
		List<String> failures = new ArrayList<>();
		List<String> passes = new ArrayList<>();
		for (Observation lost : traffic.refreshes()) {
			if (!lost.lostResponse() || traffic.familyOf(lost) == null) {
				continue;
			}
			List<Observation> after = traffic.refreshesOf(traffic.familyOf(lost))
				.stream()
				.filter((later) -> later.start().isAfter(lost.end()))
				.toList();
			if (after.isEmpty()) {
				continue;
			}
			List<Observation> refusals = after.stream().filter((later) -> "invalid_grant".equals(later.error())).toList();
			if (refusals.size() >= LOOP) {
				failures.add("after the lost response to " + lost.label() + " the grant got invalid_grant "
						+ refusals.size() + " times: " + String.join(", ", refusals.stream().map(Observation::label).toList()));
			}
			else {
				boolean recovered = after.stream().anyMatch(Observation::succeeded);
				passes.add("after the lost response to " + lost.label() + " the client "
						+ (recovered ? "got its successor with the same token" : "stopped after one invalid_grant"));
			}
		}
		return verdict(!passes.isEmpty() || !failures.isEmpty(), failures, passes);
	}
}
