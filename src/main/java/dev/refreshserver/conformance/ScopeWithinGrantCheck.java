package dev.refreshserver.conformance;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * A refresh asks for no scope beyond the grant (RFC 6749 §6): the server answers such a request
 * {@code invalid_scope}. A refresh without {@code scope} asks for the grant's own scope.
 */
@Component
@Order(70)
class ScopeWithinGrantCheck extends ConformanceCheck {

	ScopeWithinGrantCheck() {
		super("scope-within-grant", "Refreshes ask for no scope beyond the grant",
				"On refresh, omit scope (you get the grant's scope) or ask for a subset of it. A wider scope needs a "
					+ "new authorization by the user, not a refresh.");
	}

	@Override
	public CheckResult evaluate(ClientTraffic traffic) {
		List<String> failures = new ArrayList<>();
		int decided = 0;
		for (Observation refresh : traffic.refreshes()) {
			if ("invalid_scope".equals(refresh.error())) {
				failures.add(refresh.label() + " asked for scope '" + refresh.scope() + "', beyond its grant");
			}
			if (refresh.succeeded() || "invalid_scope".equals(refresh.error())) {
				decided++;
			}
		}
		return verdict(decided > 0, failures,
				List.of(Outcomes.count(decided, "refresh", "refreshes")
						+ " granted, each within its grant's scope"));
	}
}
