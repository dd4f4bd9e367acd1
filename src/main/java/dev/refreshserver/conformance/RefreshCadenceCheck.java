package dev.refreshserver.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Not refreshing far more often than the access token's lifetime needs. A refresh is early when
 * more than half of its family's access token lifetime is left (server clock); a family
 * refreshed early {@value #EARLY_IN_A_ROW} times in a row fails. Only the first presentation of
 * each token counts: retries and replays say nothing about cadence.
 */
@Component
@Order(50)
class RefreshCadenceCheck extends ConformanceCheck {

	RefreshCadenceCheck() {
		super("refresh-cadence", "Refreshes when the access token is due, not far earlier",
				"Refresh when the access token is about to expire (expires_in minus a small margin) or after a 401, "
					+ "not on every call or timer tick: each needless refresh costs a rotation and widens the window for races.");
	}

	static final int EARLY_IN_A_ROW = 3;

	static final String THRESHOLD = "threshold: " + EARLY_IN_A_ROW
			+ " refreshes in a row of one grant with more than half of the access token's lifetime left";

	@Override
	public CheckResult evaluate(ClientTraffic traffic) {
		List<String> failures = new ArrayList<>();
		Map<String, List<ClientTraffic.TimedRefresh>> earlyRuns = new HashMap<>();
		List<ClientTraffic.TimedRefresh> timed = traffic.timedRefreshes();
		for (ClientTraffic.TimedRefresh refresh : timed) {
			List<ClientTraffic.TimedRefresh> run = earlyRuns.computeIfAbsent(traffic.familyOf(refresh.refresh()),
					(family) -> new ArrayList<>());
			if (!early(refresh)) {
				run.clear();
				continue;
			}
			run.add(refresh);
			if (run.size() == EARLY_IN_A_ROW) {
				failures.add(THRESHOLD + "; exceeded by " + String.join(", ", run.stream().map(this::describe).toList()));
			}
			else if (run.size() > EARLY_IN_A_ROW) {
				failures.add("and then " + describe(refresh));
			}
		}
		List<String> passes = new ArrayList<>();
		passes.add(THRESHOLD);
		passes.add(Outcomes.count(timed.size(), "refresh", "refreshes") + " timed against their access token's expiry");
		return verdict(!timed.isEmpty(), failures, passes);
	}

	private static boolean early(ClientTraffic.TimedRefresh refresh) {
		Duration lifetime = refresh.held().lifetime();
		return refresh.lead().compareTo(lifetime.dividedBy(2)) > 0;
	}

	private String describe(ClientTraffic.TimedRefresh refresh) {
		return refresh.refresh().label() + " with " + Times.format(refresh.lead()) + " of "
				+ Times.format(refresh.held().lifetime()) + " left";
	}
}
