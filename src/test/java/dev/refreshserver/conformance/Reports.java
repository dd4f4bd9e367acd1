package dev.refreshserver.conformance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads a client's conformance report the way a client's CI would: over HTTP. */
final class Reports {

	static final String ADMIN = "Bearer " + ServerHttp.ADMIN_TOKEN;

	private Reports() {
	}

	static JsonNode report(ServerHttp http, String clientId) {
		HttpResponseView report = http.get("/admin/conformance/" + clientId, "Authorization", ADMIN);
		assertThat(report.status()).as("report of %s: %s", clientId, report).isEqualTo(200);
		return report.json();
	}

	static void reset(ServerHttp http, String clientId) {
		HttpResponseView reset = http.send(java.net.http.HttpRequest
			.newBuilder(java.net.URI.create(http.base() + "/admin/conformance/" + clientId))
			.DELETE(), "Authorization", ADMIN);
		assertThat(reset.status()).isEqualTo(204);
	}

	/** Queues a scenario for {@code clientId}; {@code pairs} are the other form fields. */
	static void script(ServerHttp http, String clientId, String... pairs) {
		Map<String, String> form = ServerHttp.form("client_id", clientId);
		form.putAll(ServerHttp.form(pairs));
		HttpResponseView queued = http.postForm("/admin/scenarios", form, "Authorization", ADMIN);
		assertThat(queued.status()).as("scenario queued: %s", queued).isEqualTo(201);
	}

	static void clearScenarios(ServerHttp http) {
		http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.base() + "/admin/scenarios")).DELETE(),
				"Authorization", ADMIN);
	}

	/** A lost response, then the successor from the grace window: no failure, and the recovery is named. */
	static void assertRecoveredThroughTheGraceWindow(JsonNode report) {
		assertThat(failed(report)).isEmpty();
		assertThat(statuses(report)).containsEntry("recovers-after-lost-response", "pass")
			.containsEntry("newest-token-only", "pass");
		assertThat(evidence(report, "recovers-after-lost-response")).contains("got its successor");
	}

	/** Each check's status, by id, in the report's order. */
	static Map<String, String> statuses(JsonNode report) {
		Map<String, String> statuses = new LinkedHashMap<>();
		report.get("checks")
			.forEach((check) -> statuses.put(check.get("id").asString(), check.get("status").asString()));
		return statuses;
	}

	static List<String> failed(JsonNode report) {
		return statuses(report).entrySet()
			.stream()
			.filter((check) -> check.getValue().equals("fail"))
			.map(Map.Entry::getKey)
			.toList();
	}

	static String evidence(JsonNode report, String checkId) {
		for (JsonNode check : report.get("checks")) {
			if (check.get("id").asString().equals(checkId)) {
				return check.get("evidence").toString();
			}
		}
		throw new AssertionError("no check " + checkId);
	}
}
