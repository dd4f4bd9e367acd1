package dev.refreshserver.testing;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/** The other class of SharedServerFirstTest: same settings, reset before each test. */
class SharedServerSecondTest {

	@RegisterExtension
	static RefreshServerExtension server = SharedServer.builder().resetBeforeEachTest().build();

	@Test
	void sharesTheServerOfTheOtherClass() {
		SharedServer.ISSUERS_SEEN.add(server.issuer());
		assertThat(SharedServer.ISSUERS_SEEN).hasSize(1);
	}

	@Test
	void startsEachTestWithNoScenarioNoObservationAndTheSystemClock() {
		assertThat(server.scenarios().queued()).isEmpty();
		assertThat(server.clock().offset()).isZero();
		assertThat(server.conformance("shared-app").observedRequests()).isZero();
		Grant grant = server.mint("shared-app", "bob", null);
		HttpResponseView refreshed = new ServerHttp(server.issuer().toString(), null).refresh("shared-app",
				"shared-secret", grant.refreshToken(), null);
		assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
	}
}
