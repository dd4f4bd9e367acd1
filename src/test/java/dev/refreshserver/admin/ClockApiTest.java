package dev.refreshserver.admin;

import java.time.Duration;
import java.time.Instant;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.ServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The clock of the control plane, moved over HTTP, decides every expiry. */
class ClockApiTest extends ServerTest {

	@Test
	void movingTheClockPastTheIdleLifetimeExpiresARefreshTokenAndResetBringsRealTimeBack() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		HttpResponseView moved = clock("advance", "P31D");
		assertThat(moved.status()).isEqualTo(200);
		assertThat(moved.field("offset")).isEqualTo("PT744H");
		assertThat(Instant.parse(moved.field("now"))).isAfter(Instant.now().plus(Duration.ofDays(30)));
		assertThat(this.http.refresh(token).error()).isEqualTo("invalid_grant");

		HttpResponseView reset = clock("reset", "true");
		assertThat(reset.field("offset")).isEqualTo("PT0S");
		assertThat(Duration.between(Instant.parse(reset.field("now")), Instant.now()).abs())
			.isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void accessTokensAreStampedWithTheServerClock() throws Exception {
		Instant then = Instant.parse("2031-05-01T00:00:00Z");
		clock("set", then.toString());
		String accessToken = this.http.mint("demo-client", "alice", "read").field("access_token");
		Instant issuedAt = SignedJWT.parse(accessToken).getJWTClaimsSet().getIssueTime().toInstant();
		assertThat(Duration.between(then, issuedAt).abs()).isLessThan(Duration.ofSeconds(5));
		assertThat(Instant.parse(get().field("now"))).isAfterOrEqualTo(then);
	}

	@Test
	void aClockRequestThatCannotBeUnderstoodIsInvalidRequest() {
		for (String[] bad : new String[][] { { "advance", "31 days" }, { "set", "tomorrow" }, { "reset", "yes" } }) {
			HttpResponseView response = clock(bad[0], bad[1]);
			assertThat(response.status()).as(bad[0] + "=" + bad[1]).isEqualTo(400);
			assertThat(response.error()).isEqualTo("invalid_request");
		}
		HttpResponseView none = this.http.postForm("/admin/clock", ServerHttp.form(), "Authorization",
				"Bearer " + ServerHttp.ADMIN_TOKEN);
		assertThat(none.status()).isEqualTo(400);
		assertThat(get().field("offset")).isEqualTo("PT0S");
	}

	private HttpResponseView clock(String name, String value) {
		return this.http.postForm("/admin/clock", ServerHttp.form(name, value), "Authorization",
				"Bearer " + ServerHttp.ADMIN_TOKEN);
	}

	private HttpResponseView get() {
		return this.http.get("/admin/clock", "Authorization", "Bearer " + ServerHttp.ADMIN_TOKEN);
	}
}
