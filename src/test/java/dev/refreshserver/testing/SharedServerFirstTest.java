package dev.refreshserver.testing;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One of two classes that build the same extension: they share one server
 * (SharedServerSecondTest resets before each test and finds it clean), and reset() takes back
 * what a test queued, moved and was observed doing.
 */
class SharedServerFirstTest {

	@RegisterExtension
	static RefreshServerExtension server = SharedServer.builder().build();

	@Test
	void anExtensionBuiltWithTheSameSettingsUsesTheSameServer() {
		SharedServer.ISSUERS_SEEN.add(server.issuer());
		assertThat(SharedServer.ISSUERS_SEEN).hasSize(1);
		assertThat(SharedServer.builder().build().issuer()).isEqualTo(server.issuer());
		assertThat(SharedServer.builder().profile("webex").build().issuer()).isNotEqualTo(server.issuer());
	}

	@Test
	void resetLeavesNoScenarioNoObservationAndNoClockOffset() {
		ServerHttp http = new ServerHttp(server.issuer().toString(), null);
		http.refresh("shared-app", "shared-secret", server.mint("shared-app", "carol", "read").refreshToken(), null);
		int queuedBefore = server.scenarios().queued().size();
		server.clock().advance(Duration.ofDays(3));
		server.scenarios().next("shared-app", Scenario.invalidGrant().times(5), Scenario.serverError());
		assertThat(server.scenarios().queued()).hasSize(queuedBefore + 2);
		assertThat(server.conformance("shared-app").observedRequests()).isPositive();

		server.reset();

		assertThat(server.scenarios().queued()).isEmpty();
		assertThat(server.clock().offset()).isZero();
		assertThat(server.conformance("shared-app").observedRequests()).isZero();
		Grant grant = server.mint("shared-app", "alice", "read");
		HttpResponseView refreshed = http.refresh("shared-app", "shared-secret", grant.refreshToken(), null);
		assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
	}

	@Test
	void leavesAScenarioAnObservationAndAClockOffsetForTheNextClassToReset() {
		new ServerHttp(server.issuer().toString(), null).refresh("shared-app", "shared-secret",
				server.mint("shared-app", "dave", null).refreshToken(), null);
		server.scenarios().next("shared-app", Scenario.temporarilyUnavailable(Duration.ofSeconds(2)).times(3));
		server.clock().advance(Duration.ofDays(40));
		assertThat(server.scenarios().queued()).isNotEmpty();
	}
}
