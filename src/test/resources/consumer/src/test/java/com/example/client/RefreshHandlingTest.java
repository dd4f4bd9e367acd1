package com.example.client;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.refreshserver.testing.Grant;
import dev.refreshserver.testing.RefreshServerExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A client project's test of refresh handling against the embedded Refresh Server. */
class RefreshHandlingTest {

	@RegisterExtension
	static RefreshServerExtension server = RefreshServerExtension.builder()
		.profile("standard")
		.client("my-app", "my-secret", "read", "write")
		.build();

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void rotationReplayIdleExpiryAndTheConformanceReport() throws Exception {
		Grant grant = server.mint("my-app", "alice", "read write");

		HttpResponse<String> refreshed = refresh(grant.refreshToken());
		assertEquals(200, refreshed.statusCode(), refreshed.body());
		String rotated = field(refreshed.body(), "refresh_token");
		assertNotEquals(grant.refreshToken(), rotated);

		HttpResponse<String> replay = refresh(grant.refreshToken());
		assertEquals(400, replay.statusCode());
		assertEquals("invalid_grant", field(replay.body(), "error"));

		Grant idle = server.mint("my-app", "bob", "read");
		server.clock().advance(Duration.ofDays(31));
		HttpResponse<String> afterIdleTtl = refresh(idle.refreshToken());
		assertEquals(400, afterIdleTtl.statusCode());
		assertEquals("invalid_grant", field(afterIdleTtl.body(), "error"));

		assertTrue(server.conformance("my-app").failedChecks().contains("newest-token-only"),
				() -> server.conformance("my-app").toString());
		server.reset();
	}

	private HttpResponse<String> refresh(String refreshToken) throws Exception {
		String basic = Base64.getEncoder().encodeToString("my-app:my-secret".getBytes(StandardCharsets.UTF_8));
		HttpRequest request = HttpRequest.newBuilder(server.tokenEndpoint())
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token&refresh_token="
					+ URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** A string member of a flat JSON object; a real client would use its JSON library. */
	private static String field(String json, String name) {
		Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
		return matcher.find() ? matcher.group(1) : null;
	}
}
