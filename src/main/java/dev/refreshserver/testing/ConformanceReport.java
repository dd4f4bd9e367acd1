package dev.refreshserver.testing;

import java.util.List;
import java.util.stream.Collectors;

import dev.refreshserver.conformance.CheckResult;

/**
 * How a client behaved at the embedded server's token endpoint since the last reset: the
 * report of {@code GET /admin/conformance/{client_id}}, made by the same checks. Its
 * {@link #toString()} lists each failed check with its evidence and hint, so an assertion on
 * {@link #failedChecks()} explains itself.
 */
public final class ConformanceReport {

	private final dev.refreshserver.conformance.ConformanceReport report;

	ConformanceReport(dev.refreshserver.conformance.ConformanceReport report) {
		this.report = report;
	}

	/** The ids of the checks that failed, e.g. {@code ["newest-token-only"]}, in report order. */
	public List<String> failedChecks() {
		return this.report.failedChecks().stream().map(CheckResult::id).toList();
	}

	/** Every check with its verdict ({@code pass}, {@code fail}, {@code not_observed}), evidence and hint. */
	public List<CheckResult> checks() {
		return this.report.checks();
	}

	/** The check with this id, or null. */
	public CheckResult check(String id) {
		return this.report.check(id);
	}

	/** Token-endpoint requests of the client observed since the last reset. */
	public int observedRequests() {
		return this.report.observedRequests();
	}

	@Override
	public String toString() {
		if (this.report.failedChecks().isEmpty()) {
			return "Conformance of " + this.report.clientId() + ": no failed check in "
					+ this.report.observedRequests() + " requests";
		}
		return "Conformance of " + this.report.clientId() + ", failed:\n" + this.report.failedChecks()
			.stream()
			.map((check) -> "- " + check.id() + ": " + String.join("; ", check.evidence()) + "\n  " + check.hint())
			.collect(Collectors.joining("\n"));
	}
}
