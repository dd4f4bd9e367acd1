package dev.refreshserver.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * RFC 6749 §6 lets a refresh response omit {@code refresh_token}; the client then keeps the one
 * it has. Graded on the client's next refresh of that grant (or its next refresh with a token
 * the server never issued, or none at all: a client that lost its token shows that way).
 */
@Component
@Order(80)
class KeepsTokenWhenOmittedCheck extends ConformanceCheck {

	KeepsTokenWhenOmittedCheck() {
		super("keeps-token-when-omitted", "Keeps its refresh token when a response omits one",
				"When a refresh response has no refresh_token, keep using the refresh token you already have; do not "
					+ "clear it or store null.");
	}

	@Override
	public CheckResult evaluate(ClientTraffic traffic) {
		List<String> failures = new ArrayList<>();
		int followed = 0;
		for (Observation omitted : traffic.refreshes()) {
			if (!omitted.refreshTokenOmitted()) {
				continue;
			}
			Optional<Observation> next = nextRefresh(traffic, omitted);
			if (next.isEmpty()) {
				continue;
			}
			followed++;
			if (!Objects.equals(next.get().presentedToken(), omitted.presentedToken())) {
				failures.add(omitted.label() + " was answered without refresh_token; the next refresh "
						+ next.get().label() + " presented " + TokenHashes.label(next.get().presentedToken())
						+ " instead of " + TokenHashes.label(omitted.presentedToken()));
			}
		}
		return verdict(followed > 0, failures,
				List.of(Outcomes.count(followed, "response", "responses")
						+ " without refresh_token, each followed by a refresh with the kept token"));
	}

	private static Optional<Observation> nextRefresh(ClientTraffic traffic, Observation omitted) {
		String family = traffic.familyOf(omitted);
		return traffic.refreshes()
			.stream()
			.filter((later) -> later.start().isAfter(omitted.end()))
			.filter((later) -> later.presentedToken() == null || family.equals(traffic.familyOf(later))
					|| !issued(traffic, later))
			.findFirst();
	}

	/** Whether the token this refresh presented was ever delivered by the server (as far as observed). */
	private static boolean issued(ClientTraffic traffic, Observation refresh) {
		return traffic.all().stream().anyMatch((o) -> refresh.presentedToken().equals(o.deliveredToken()));
	}
}
