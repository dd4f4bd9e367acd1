package dev.refreshserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerTest;

import static dev.refreshserver.support.ServerHttp.basic;
import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/** A failed client authentication says nothing about whether the client exists. */
class ClientAuthenticationTest extends ServerTest {

	private static final Map<String, String> REFRESH = form("grant_type", "refresh_token", "refresh_token", "x");

	@Test
	void unknownClientAndWrongSecretGetTheSameAnswer() {
		List<HttpResponseView> failures = List.of(basicWith("no-such-client", "demo-secret"),
				basicWith("demo-client", "not-the-secret"), postWith("no-such-client", "demo-secret"),
				postWith("demo-client", "not-the-secret"), basicWith("demo-public", "any-secret"),
				basicWith("machine-client", "not-the-secret"));

		for (HttpResponseView failure : failures) {
			assertThat(failure.status()).as(failure.toString()).isEqualTo(401);
			assertThat(failure.body()).isEqualTo(failures.get(0).body());
			assertThat(failure.header("WWW-Authenticate")).isEqualTo(failures.get(0).header("WWW-Authenticate"));
		}
		assertThat(failures.get(0).body()).doesNotContain("client_id").doesNotContain("client_secret");
	}

	@Test
	void unknownClientAndWrongSecretTakeComparableTime() {
		int rounds = 15;
		List<Long> unknown = new ArrayList<>();
		List<Long> wrongSecret = new ArrayList<>();
		for (int i = 0; i < rounds; i++) {
			// a fresh secret each time, so no remembered verification answers for the server
			unknown.add(timed(() -> basicWith("no-such-client", UUID.randomUUID().toString())));
			wrongSecret.add(timed(() -> basicWith("demo-client", UUID.randomUUID().toString())));
		}
		System.out.printf("Client authentication failure, median of %d: unknown client %.1f ms, "
				+ "known client with a wrong secret %.1f ms%n", rounds, median(unknown) / 1e6,
				median(wrongSecret) / 1e6);
		assertThat(this.http.refresh(this.http.mintRefreshToken("demo-client", "read")).status()).isEqualTo(200);
	}

	private HttpResponseView basicWith(String clientId, String secret) {
		return this.http.postForm("/oauth2/token", REFRESH, "Authorization", basic(clientId, secret));
	}

	private HttpResponseView postWith(String clientId, String secret) {
		Map<String, String> request = form("client_id", clientId, "client_secret", secret);
		request.putAll(REFRESH);
		return this.http.postForm("/oauth2/token", request);
	}

	private static long timed(Supplier<HttpResponseView> request) {
		long start = System.nanoTime();
		HttpResponseView response = request.get();
		long elapsed = System.nanoTime() - start;
		assertThat(response.status()).isEqualTo(401);
		return elapsed;
	}

	private static double median(List<Long> nanos) {
		List<Long> sorted = nanos.stream().sorted().toList();
		int middle = sorted.size() / 2;
		return (sorted.size() % 2 == 1) ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
	}
}
