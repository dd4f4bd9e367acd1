package dev.refreshserver.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Secrets and tokens never travel in the query string, where proxies and servers log them. */
@Component
@Order(20)
class NoCredentialsInQueryCheck extends ConformanceCheck {

	NoCredentialsInQueryCheck() {
		super("no-credentials-in-query", "No secret or token in the query string",
				"Put client_secret, refresh_token, code and code_verifier in the form body (or the secret in the "
					+ "Authorization header), never in the URL: query strings end up in access logs and browser history.");
	}

	@Override
	public CheckResult evaluate(ClientTraffic traffic) {
		List<String> failures = new ArrayList<>();
		List<Observation> requests = traffic.tokenRequests();
		for (Observation request : requests) {
			if (!request.credentialsInQuery().isEmpty()) {
				failures.add(request.label() + " carried " + String.join(", ", new TreeSet<>(request.credentialsInQuery()))
						+ " in the query string");
			}
		}
		return verdict(!requests.isEmpty(), failures,
				List.of(Outcomes.count(requests.size(), "token request", "token requests")
						+ ", none with a secret or token in the query string"));
	}
}
