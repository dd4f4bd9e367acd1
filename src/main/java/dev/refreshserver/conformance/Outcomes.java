package dev.refreshserver.conformance;

/** A request's outcome, and counts, as the evidence writes them. */
final class Outcomes {

	private Outcomes() {
	}

	static String of(Observation request) {
		if (request.lostResponse()) {
			return "nothing (the response was scripted lost)";
		}
		return request.status() + ((request.error() != null) ? " " + request.error() : "");
	}

	/** {@code 1 refresh}, {@code 2 refreshes}. */
	static String count(int count, String one, String many) {
		return count + " " + ((count == 1) ? one : many);
	}
}
