package dev.refreshserver.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * One graded question about a client's behaviour. Each check is one class, a Spring component
 * ordered with {@code @Order}; adding a check is adding a class. A check that saw no relevant
 * traffic answers {@link Verdict#NOT_OBSERVED}, never a pass.
 */
public interface ConformanceCheck {

	/** At most this many evidence lines per check; the rest are counted. */
	int MAX_EVIDENCE = 10;

	String id();

	String title();

	/** What to change in the client when the check fails, in plain words. */
	String hint();

	CheckResult evaluate(ClientTraffic traffic);

	/** A failure when {@code failures} has any, else a pass with {@code passes}, else not observed. */
	default CheckResult verdict(boolean observed, List<String> failures, List<String> passes) {
		if (!failures.isEmpty()) {
			return result(Verdict.FAIL, failures);
		}
		return observed ? result(Verdict.PASS, passes) : result(Verdict.NOT_OBSERVED, List.of("No relevant request was observed"));
	}

	private CheckResult result(Verdict verdict, List<String> evidence) {
		List<String> kept = new ArrayList<>(evidence.subList(0, Math.min(MAX_EVIDENCE, evidence.size())));
		if (evidence.size() > MAX_EVIDENCE) {
			kept.add("... and " + (evidence.size() - MAX_EVIDENCE) + " more");
		}
		return new CheckResult(id(), title(), verdict, kept, hint());
	}
}
