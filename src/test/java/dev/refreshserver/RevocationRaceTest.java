package dev.refreshserver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.ServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revocation is final: a client refreshes its family as fast as it can while the family is
 * revoked. No refresh sent after the revocation's 200 arrived gets a 200, and the last token the
 * client holds, whichever rotation produced it, is dead.
 */
class RevocationRaceTest extends ServerTest {

	private static final int TRIALS = 100;

	@Test
	void noRefreshSucceedsOnceTheRevocationOfItsFamilyCommitted() throws Exception {
		List<String> violations = new ArrayList<>();
		int racedRotations = 0;
		for (int trial = 0; trial < TRIALS; trial++) {
			String first = this.http.mintRefreshToken("demo-client", "read");
			CountDownLatch start = new CountDownLatch(1);
			ServerHttp revoker = new ServerHttp(this.port);
			CompletableFuture<Long> revoked = CompletableFuture.supplyAsync(() -> {
				await(start);
				HttpResponseView response = revoker.postForm("/oauth2/revoke", ServerHttp.form("token", first),
						"Authorization", ServerHttp.basic("demo-client", "demo-secret"));
				assertThat(response.status()).isEqualTo(200);
				return System.nanoTime();
			});
			ServerHttp client = new ServerHttp(this.port);
			CompletableFuture<Refreshes> refreshes = CompletableFuture.supplyAsync(() -> {
				await(start);
				return refreshUntilRefused(client, first);
			});
			start.countDown();
			long revocationAnswered = revoked.get(30, TimeUnit.SECONDS);
			Refreshes outcome = refreshes.get(30, TimeUnit.SECONDS);
			racedRotations += outcome.successes;
			if (outcome.lastSuccessSentAt > revocationAnswered) {
				violations.add("trial " + trial + ": a refresh sent after the revocation answered got 200");
			}
			HttpResponseView last = this.http.refresh(outcome.lastToken);
			if (last.status() != 400 || !"false".equals(this.http.introspect(outcome.lastToken).field("active"))) {
				violations.add("trial " + trial + ": the family's last token is alive after revocation: " + last);
			}
		}
		assertThat(violations).isEmpty();
		// The race must have been a race: some rotations happened while the revocation was under way.
		assertThat(racedRotations).isPositive();
	}

	/** Refreshes, following rotation, until refused; remembers when the last success was sent. */
	private static Refreshes refreshUntilRefused(ServerHttp client, String token) {
		Refreshes outcome = new Refreshes(token);
		for (int i = 0; i < 50; i++) {
			long sentAt = System.nanoTime();
			HttpResponseView response = client.refresh(outcome.lastToken);
			if (response.status() != 200) {
				assertThat(response.error()).isEqualTo("invalid_grant");
				return outcome;
			}
			outcome.successes++;
			outcome.lastSuccessSentAt = sentAt;
			outcome.lastToken = response.field("refresh_token");
		}
		throw new IllegalStateException("50 refreshes succeeded: the revocation never took effect");
	}

	private static void await(CountDownLatch start) {
		try {
			start.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static final class Refreshes {

		String lastToken;

		long lastSuccessSentAt = Long.MIN_VALUE;

		int successes;

		Refreshes(String first) {
			this.lastToken = first;
		}
	}
}
