package dev.refreshserver.client;

import java.nio.file.Files;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.RunningServer;
import dev.refreshserver.support.ServerHttp;

import static dev.refreshserver.support.ServerHttp.basic;
import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Repeated failed client authentication, for one client id or from one address, is refused for
 * the lockout with 429 and Retry-After, while clients that authenticated recently go on; after the
 * lockout, attempts are judged normally again. The server runs with 5 failures in 30 s locking
 * out for 3 s. One test, because every request comes from 127.0.0.1: each step counts against
 * the same address.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BruteForceTest {

	private static final int MAX_FAILURES = 5;

	private static final Duration LOCKOUT = Duration.ofSeconds(3);

	private RunningServer server;

	private ServerHttp http;

	@BeforeAll
	void startServer() throws Exception {
		this.server = RunningServer.start(Files.createTempDirectory("refresh-server-brute-force"),
				"--spring.config.additional-location=classpath:test-clients.yml",
				"--refresh.brute-force.max-failures=" + MAX_FAILURES, "--refresh.brute-force.window=30s",
				"--refresh.brute-force.lockout=" + LOCKOUT.toSeconds() + "s");
		this.http = this.server.http();
	}

	@AfterAll
	void stopServer() {
		this.server.close();
	}

	@Test
	void failedAuthenticationsLockOutTheClientIdAndTheAddressWhileHonestClientsGoOn() throws Exception {
		String token = refreshed(this.http.mintRefreshToken("demo-client", "read")); // demo-client is verified
		String publicToken = this.http.mintRefreshToken("demo-public", "read");

		// guessing one client's secret
		for (int i = 0; i < MAX_FAILURES; i++) {
			HttpResponseView guess = guess("demo-client", "guess-" + i);
			assertThat(guess.status()).as(guess.toString()).isEqualTo(401);
			assertThat(guess.error()).isEqualTo("invalid_client");
			token = refreshed(token);
		}
		for (int i = 0; i < 3; i++) {
			assertLockedOut(guess("demo-client", "another-guess-" + i));
			token = refreshed(token);
			publicToken = refreshedPublic(publicToken);
		}
		// even the right secret of a client nobody verified lately waits: no bcrypt runs for anyone
		assertLockedOut(guess("other-client", "other-secret"));

		Thread.sleep(LOCKOUT.plusMillis(500).toMillis());
		HttpResponseView judged = guess("demo-client", "after-the-lockout");
		assertThat(judged.status()).as(judged.toString()).isEqualTo(401);
		assertThat(judged.error()).isEqualTo("invalid_client");

		// spraying made-up client ids from the same address (one failure counted above)
		for (int i = 1; i < MAX_FAILURES; i++) {
			assertThat(guess("nobody-" + i, "x").status()).isEqualTo(401);
		}
		assertLockedOut(guess("nobody-else", "x"));
		assertLockedOut(this.http.postForm("/oauth2/introspect", form("token", "x"), "Authorization",
				basic("nobody-else", "x")));
		assertLockedOut(this.http.postForm("/oauth2/revoke",
				form("token", "x", "client_id", "demo-client", "client_secret", "not-it")));
		token = refreshed(token);
		assertThat(this.http.introspect(token).status()).isEqualTo(200);
		publicToken = refreshedPublic(publicToken);

		Thread.sleep(LOCKOUT.plusMillis(500).toMillis());
		assertThat(guess("nobody-else", "x").status()).isEqualTo(401);
		HttpResponseView other = this.http.refresh("other-client", "other-secret",
				this.http.mintRefreshToken("other-client", "read"), null);
		assertThat(other.status()).as(other.toString()).isEqualTo(200);
		refreshed(token);
	}

	private HttpResponseView guess(String clientId, String secret) {
		return this.http.postForm("/oauth2/token", form("grant_type", "refresh_token", "refresh_token", "x"),
				"Authorization", basic(clientId, secret));
	}

	private static void assertLockedOut(HttpResponseView response) {
		assertThat(response.status()).as(response.toString()).isEqualTo(429);
		assertThat(response.error()).isEqualTo("temporarily_unavailable");
		assertThat(response.field("error_description")).isNotBlank();
		assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, LOCKOUT.toSeconds());
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
	}

	private String refreshed(String token) {
		HttpResponseView refreshed = this.http.refresh(token);
		assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
		return refreshed.field("refresh_token");
	}

	private String refreshedPublic(String token) {
		HttpResponseView refreshed = this.http.postForm("/oauth2/token",
				form("grant_type", "refresh_token", "refresh_token", token, "client_id", "demo-public"));
		assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
		return refreshed.field("refresh_token");
	}
}
