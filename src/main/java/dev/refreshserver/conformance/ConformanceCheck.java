package dev.refreshserver.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * One graded question about a client's behaviour: an id, a title, a plain-language hint for the
 * fix, and a verdict with its evidence from the client's traffic. Each check is one class, a
 * Spring component placed in the report with {@code @Order}: adding a check is adding a class.
 * A check that saw no relevant traffic answers {@link Verdict#NOT_OBSERVED}, never a pass.
 */
public abstract class ConformanceCheck {

	/** At most this many evidence lines per check; the rest are counted. */
	static final int MAX_EVIDENCE = 10;

	private final String id;

	private final String title;

	private final String hint;

	/** @param hint what to change in the client when the check fails, in plain words */
	protected ConformanceCheck(String id, String title, String hint) {
		this.id = id;
		this.title = title;
		this.hint = hint;
	}

	public String id() {
		return this.id;
	}

	public String title() {
		return this.title;
	}

	public String hint() {
		return this.hint;
	}

	public abstract CheckResult evaluate(ClientTraffic traffic);

	/** A failure when {@code failures} has any, else a pass with {@code passes} when observed, else not observed. */
	protected CheckResult verdict(boolean observed, List<String> failures, List<String> passes) {
		if (!failures.isEmpty()) {
			return result(Verdict.FAIL, failures);
		}
		return observed ? result(Verdict.PASS, passes)
				: result(Verdict.NOT_OBSERVED, List.of("No relevant request was observed"));
	}

	private CheckResult result(Verdict verdict, List<String> evidence) {
		List<String> kept = new ArrayList<>(evidence.subList(0, Math.min(MAX_EVIDENCE, evidence.size())));
		if (evidence.size() > MAX_EVIDENCE) {
			kept.add("... and " + (evidence.size() - MAX_EVIDENCE) + " more");
		}
		return new CheckResult(this.id, this.title, verdict, kept, this.hint);
	}
}
