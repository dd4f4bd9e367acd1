package dev.refreshserver.conformance;

import java.util.List;
import java.util.Set;

import org.springframework.stereotype.Service;

import dev.refreshserver.refresh.RefreshPolicies;

/**
 * The conformance report of a client, graded from its observations by every
 * {@link ConformanceCheck}: what {@code /admin/conformance}, the web page and the JUnit
 * extension show. Observations exist only while the control plane is on
 * ({@code refresh.admin.token} set); otherwise every report is empty.
 */
@Service
public class ConformanceReports {

	private final ObservationLog log;

	private final List<ConformanceCheck> checks;

	private final RefreshPolicies policies;

	/** @param checks every check, in the order the report lists them */
	public ConformanceReports(ObservationLog log, List<ConformanceCheck> checks, RefreshPolicies policies) {
		this.log = log;
		this.checks = List.copyOf(checks);
		this.policies = policies;
	}

	/** The report on what this client did since its last reset (every check not observed if nothing). */
	public ConformanceReport report(String clientId) {
		List<Observation> observations = this.log.of(clientId);
		ClientTraffic traffic = new ClientTraffic(observations, this.policies.requestRules(clientId));
		return new ConformanceReport(clientId, traffic.tokenRequests().size(),
				this.checks.stream().map((check) -> check.evaluate(traffic)).toList(), ConformanceFacts.of(traffic));
	}

	/** Starts a fresh observation of this client. */
	public void reset(String clientId) {
		this.log.reset(clientId);
	}

	/** The clients observed since their last reset, by id. */
	public Set<String> observedClients() {
		return this.log.clients();
	}
}
