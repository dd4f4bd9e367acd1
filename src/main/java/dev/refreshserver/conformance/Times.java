package dev.refreshserver.conformance;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Instants and durations as the evidence writes them. */
final class Times {

	private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private Times() {
	}

	static String format(Instant instant) {
		return INSTANT.format(instant);
	}

	static String format(Duration duration) {
		long millis = duration.toMillis();
		return (millis % 1000 == 0) ? (millis / 1000) + " s" : String.format("%.3f s", millis / 1000.0);
	}
}
