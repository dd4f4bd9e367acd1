package dev.refreshserver.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One check's verdict on one client: what it checks, the verdict, the evidence (plain sentences
 * naming requests by their number, never a token or secret) and what to change when it fails.
 */
public record CheckResult(String id, String title, Verdict verdict, List<String> evidence, String hint) {

	public CheckResult {
		evidence = List.copyOf(evidence);
	}

	public boolean failed() {
		return this.verdict == Verdict.FAIL;
	}

	/** The check as {@code GET /admin/conformance/{client_id}} shows it. */
	Map<String, Object> toJson() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("id", this.id);
		json.put("title", this.title);
		json.put("status", this.verdict.value());
		json.put("evidence", this.evidence);
		json.put("hint", this.hint);
		return json;
	}
}
