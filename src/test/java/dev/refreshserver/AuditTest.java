package dev.refreshserver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.ServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Token events are counted at /actuator/prometheus and written as structured log lines. */
@ExtendWith(OutputCaptureExtension.class)
class AuditTest extends ServerTest {

	@Test
	void reuseIsCountedAndLoggedWithoutTheToken(CapturedOutput output) {
		double reusedBefore = counter("reuse_detected");
		double revokedBefore = counter("family_revoked");
		double refreshedBefore = counter("refreshed");
		String first = this.http.mintRefreshToken("demo-client", "read");
		this.http.refresh(first);
		assertThat(this.http.refresh(first).error()).isEqualTo("invalid_grant");

		assertThat(counter("refreshed")).isEqualTo(refreshedBefore + 1);
		assertThat(counter("reuse_detected")).isEqualTo(reusedBefore + 1);
		assertThat(counter("family_revoked")).isEqualTo(revokedBefore + 1);
		assertThat(output.getOut()).containsPattern("event=reuse_detected client_id=demo-client family=[\\w-]+")
			.containsPattern("event=family_revoked client_id=demo-client family=[\\w-]+ reason=refresh_token_reuse")
			.doesNotContain(first);
	}

	@Test
	void revocationByTheClientIsCounted() {
		double before = counter("family_revoked");
		String token = this.http.mintRefreshToken("demo-client", "read");
		for (int i = 0; i < 2; i++) {
			this.http.postForm("/oauth2/revoke", ServerHttp.form("token", token), "Authorization",
					ServerHttp.basic("demo-client", "demo-secret"));
		}
		assertThat(counter("family_revoked")).as("revoking twice revokes once").isEqualTo(before + 1);
	}

	@Test
	void failedClientAuthenticationIsCountedAndLoggedWithoutWhatAStrangerTyped(CapturedOutput output) {
		double before = counter("client_authentication_failed");
		assertThat(this.http.refresh("demo-client", "not-the-secret", "any-token", null).status()).isEqualTo(401);
		assertThat(this.http.refresh("no-such-client-x9", "whatever", "any-token", null).status()).isEqualTo(401);

		assertThat(counter("client_authentication_failed")).isEqualTo(before + 2);
		assertThat(output.getOut())
			.containsPattern("event=client_authentication_failed client_id=demo-client address=\\S+")
			.containsPattern("event=client_authentication_failed client_id=unknown address=\\S+")
			.doesNotContain("no-such-client-x9")
			.doesNotContain("not-the-secret");
	}

	private double counter(String event) {
		return this.http.metric("refresh_token_events_total", "event", event);
	}
}
