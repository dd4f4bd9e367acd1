package dev.refreshserver.admin;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scripted scenario: {@code action} applied to the next {@code times} refresh_token requests
 * of {@code clientId} (only of {@code subject}'s families when a subject is given).
 *
 * @param delay for {@link ScenarioAction#DELAY}, else zero
 * @param retryAfter for 503 and 429, else zero
 */
public record Scenario(String id, String clientId, String subject, ScenarioAction action, int times,
		Duration delay, Duration retryAfter) {

	boolean matches(String clientId, String subject) {
		return this.clientId.equals(clientId) && (this.subject == null || this.subject.equals(subject));
	}

	/** The JSON of the admin API, with how many of its {@code times} are {@code remaining}. */
	Map<String, Object> view(int remaining) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("id", this.id);
		view.put("client_id", this.clientId);
		if (this.subject != null) {
			view.put("subject", this.subject);
		}
		view.put("action", this.action.id());
		view.put("times", this.times);
		view.put("remaining", remaining);
		if (this.action == ScenarioAction.DELAY) {
			view.put("delay_ms", this.delay.toMillis());
		}
		if (!this.retryAfter.isZero()) {
			view.put("retry_after", this.retryAfter.toSeconds());
		}
		return view;
	}
}
