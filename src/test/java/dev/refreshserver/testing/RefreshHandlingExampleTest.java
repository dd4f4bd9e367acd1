package dev.refreshserver.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The full example of docs/testing-with-junit.md, as written there: a client's refresh handling
 * (TokenKeeper stands for the client's own code) through rotation, a scripted 503, a clock jump
 * past the idle expiry, and a clean conformance report.
 */
class RefreshHandlingExampleTest {

	@RegisterExtension
	static RefreshServerExtension server = RefreshServerExtension.builder()
		.client("my-app", "my-secret", "read", "write")
		.resetBeforeEachTest()
		.build();

	@Test
	void keepsTheNewestTokenWaitsOutA503AndAsksForALoginAfterIdleExpiry() throws Exception {
		Grant grant = server.mint("my-app", "alice", "read");
		TokenKeeper client = new TokenKeeper(server.tokenEndpoint(), "my-app", "my-secret", grant.refreshToken());

		// rotation: the access token is due, the client refreshes and keeps the new refresh token
		server.clock().advance(Duration.ofSeconds(grant.expiresIn()));
		assertTrue(client.refresh());
		assertNotEquals(grant.refreshToken(), client.refreshToken());

		// a scripted 503: the client waits Retry-After, then refreshes again
		server.scenarios().next("my-app", Scenario.temporarilyUnavailable(Duration.ofSeconds(1)));
		server.clock().advance(Duration.ofSeconds(grant.expiresIn()));
		assertTrue(client.refresh());

		// 31 days unused, past the standard profile's 30-day idle expiry: invalid_grant, sign in again
		server.clock().advance(Duration.ofDays(31));
		assertFalse(client.refresh());
		assertTrue(client.needsLogin());

		ConformanceReport report = server.conformance("my-app");
		assertEquals(List.of(), report.failedChecks(), report::toString);
	}

	/** The client code under test: keeps the newest refresh token, honours Retry-After once. */
	static final class TokenKeeper {

		private final HttpClient http = HttpClient.newHttpClient();

		private final URI tokenEndpoint;

		private final String basic;

		private String refreshToken;

		private boolean needsLogin;

		TokenKeeper(URI tokenEndpoint, String clientId, String secret, String refreshToken) {
			this.tokenEndpoint = tokenEndpoint;
			this.basic = "Basic " + Base64.getEncoder()
				.encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
			this.refreshToken = refreshToken;
		}

		/** True when a new access token came back. */
		boolean refresh() throws IOException, InterruptedException {
			HttpResponse<String> response = send();
			if (response.statusCode() == 503 || response.statusCode() == 429) {
				long seconds = Long.parseLong(response.headers().firstValue("Retry-After").orElse("1"));
				Thread.sleep(Duration.ofSeconds(seconds).toMillis());
				response = send();
			}
			if (response.statusCode() == 200) {
				String rotated = field(response.body(), "refresh_token");
				if (rotated != null) {
					this.refreshToken = rotated;
				}
				return true;
			}
			this.needsLogin = "invalid_grant".equals(field(response.body(), "error"));
			return false;
		}

		String refreshToken() {
			return this.refreshToken;
		}

		boolean needsLogin() {
			return this.needsLogin;
		}

		private HttpResponse<String> send() throws IOException, InterruptedException {
			String form = "grant_type=refresh_token&refresh_token="
					+ URLEncoder.encode(this.refreshToken, StandardCharsets.UTF_8);
			return this.http.send(HttpRequest.newBuilder(this.tokenEndpoint)
				.header("Authorization", this.basic)
				.header("Content-Type", "application/x-www-form-urlencoded")
				.POST(HttpRequest.BodyPublishers.ofString(form))
				.build(), HttpResponse.BodyHandlers.ofString());
		}

		private static String field(String json, String name) {
			Matcher matcher = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
			return matcher.find() ? matcher.group(1) : null;
		}
	}
}
