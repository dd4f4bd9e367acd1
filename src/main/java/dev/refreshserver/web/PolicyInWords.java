package dev.refreshserver.web;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.refreshserver.refresh.RefreshPolicy;
import dev.refreshserver.refresh.Rotation;

/** A {@link RefreshPolicy} said in sentences, for people reading the home page. */
public final class PolicyInWords {

	private PolicyInWords() {
	}

	public static List<String> sentences(RefreshPolicy policy) {
		List<String> sentences = new ArrayList<>();
		sentences.add((policy.rotation() == Rotation.ROTATE)
				? "Every refresh returns a new refresh token and the one presented dies; presenting a dead one "
						+ "again is reuse and revokes the whole family."
				: "A refresh returns the same refresh token again; its idle lifetime starts over.");
		sentences.add(policy.grace().isZero() ? "No grace window: a retry with the previous token counts as reuse."
				: "Within " + words(policy.grace()) + " a retry with the previous token gets the same successor back.");
		sentences.add("Access tokens live " + words(policy.accessTtl()) + ".");
		sentences.add("A refresh token unused for " + words(policy.idleTtl())
				+ " expires; every use starts that time again.");
		sentences.add(policy.absoluteTtl().isZero() ? "A family has no absolute lifetime."
				: "A family ends " + words(policy.absoluteTtl()) + " after the original grant, however often it is refreshed.");
		return sentences;
	}

	/** {@code PT720H} as "30 days", {@code PT90M} as "1 hour 30 minutes". */
	public static String words(Duration duration) {
		if (duration.isZero()) {
			return "0 seconds";
		}
		List<String> parts = new ArrayList<>();
		add(parts, duration.toDaysPart(), "day");
		add(parts, duration.toHoursPart(), "hour");
		add(parts, duration.toMinutesPart(), "minute");
		add(parts, duration.toSecondsPart(), "second");
		return String.join(" ", parts);
	}

	private static void add(List<String> parts, long amount, String unit) {
		if (amount != 0) {
			parts.add(amount + " " + unit + ((amount == 1) ? "" : "s"));
		}
	}
}
