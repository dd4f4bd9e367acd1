package dev.refreshserver.conformance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** No two refreshes of one family are in flight at once (server clock, request start to end). */
@Component
@Order(40)
class NoConcurrentRefreshCheck extends ConformanceCheck {

	NoConcurrentRefreshCheck() {
		super("no-concurrent-refresh", "No two refreshes of one grant in flight at once",
				"Serialize refreshes per grant (one lock or single-flight per refresh token): when several threads "
					+ "find the access token expired, one refreshes and the others wait for its result. With rotation, "
					+ "the loser of a race presents a rotated-out token and the grant is revoked.");
	}

	@Override
	public CheckResult evaluate(ClientTraffic traffic) {
		List<String> failures = new ArrayList<>();
		Set<String> families = new LinkedHashSet<>();
		traffic.refreshes().stream().map(traffic::familyOf).filter(Objects::nonNull).forEach(families::add);
		int observedFamilies = 0;
		for (String family : families) {
			List<Observation> refreshes = traffic.refreshesOf(family);
			observedFamilies += (refreshes.size() > 1) ? 1 : 0;
			for (int i = 0; i < refreshes.size(); i++) {
				for (int j = i + 1; j < refreshes.size(); j++) {
					Observation first = refreshes.get(i);
					Observation second = refreshes.get(j);
					if (second.start().isBefore(first.end()) && first.start().isBefore(second.end())) {
						failures.add(first.label() + " and " + second.label() + " refreshed one grant at the same time ("
								+ Times.format(second.start()) + " before " + Times.format(first.end()) + ")");
					}
				}
			}
		}
		return verdict(observedFamilies > 0, failures,
				List.of(Outcomes.count(observedFamilies, "grant", "grants")
						+ " refreshed more than once, one refresh at a time"));
	}
}
