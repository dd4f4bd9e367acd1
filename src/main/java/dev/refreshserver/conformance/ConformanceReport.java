package dev.refreshserver.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one client behaved at the token endpoint: every check's verdict and the facts, from the
 * requests observed since the last reset. The JSON report, the JUnit XML, the web page and the
 * JUnit extension all read this one value.
 * @param observedRequests token-endpoint requests kept for this client (grants minted through
 * {@code /admin/grants} are observed but not counted)
 */
public record ConformanceReport(String clientId, int observedRequests, List<CheckResult> checks,
		ConformanceFacts facts) {

	public ConformanceReport {
		checks = List.copyOf(checks);
	}

	public List<CheckResult> failedChecks() {
		return this.checks.stream().filter(CheckResult::failed).toList();
	}

	/** The check with this id, or null. */
	public CheckResult check(String id) {
		return this.checks.stream().filter((check) -> check.id().equals(id)).findFirst().orElse(null);
	}

	/** The body of {@code GET /admin/conformance/{client_id}}. */
	public Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("client_id", this.clientId);
		json.put("observed_requests", this.observedRequests);
		json.put("checks", this.checks.stream().map(CheckResult::toJson).toList());
		json.put("facts", this.facts.toJson());
		return json;
	}
}
