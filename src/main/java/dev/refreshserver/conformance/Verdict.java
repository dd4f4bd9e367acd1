package dev.refreshserver.conformance;

/** How a client fared on one check; a check with no relevant traffic is not observed, never a pass. */
public enum Verdict {

	PASS("pass"), FAIL("fail"), NOT_OBSERVED("not_observed");

	private final String value;

	Verdict(String value) {
		this.value = value;
	}

	/** The verdict as the JSON report and the JUnit XML spell it. */
	public String value() {
		return this.value;
	}
}
