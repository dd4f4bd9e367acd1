package dev.refreshserver.conformance;

/** A request's outcome as the evidence writes it. */
final class Outcomes {

	private Outcomes() {
	}

	static String of(Observation request) {
		if (request.lostResponse()) {
			return "nothing (the response was scripted lost)";
		}
		return request.status() + ((request.error() != null) ? " " + request.error() : "");
	}
}
