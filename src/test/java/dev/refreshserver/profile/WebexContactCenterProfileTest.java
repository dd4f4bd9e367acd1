package dev.refreshserver.profile;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ProfileServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 001: the Webex Contact Center token management sample. */
class WebexContactCenterProfileTest extends ProfileServerTest {

	@Override
	protected String profile() {
		return "webex-cc";
	}

	/** The sample's request params, posted as JSON. */
	HttpResponseView seedRequest(String refreshToken) {
		return this.http.post("/oauth2/token", "application/json",
				"{\"grant_type\":\"refresh_token\",\"client_id\":\"demo-client\",\"client_secret\":\"demo-secret\","
						+ "\"refresh_token\":\"" + refreshToken + "\"}");
	}

	@Test
	void seedRequestGetsWhatTheTokenServiceStores() {
		HttpResponseView response = seedRequest(this.http.mintRefreshToken("demo-client", "read"));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertFields(response, Map.of("access_token", String.class, "expires_in", Number.class, "refresh_token",
				String.class, "refresh_token_expires_in", Number.class, "token_type", String.class));
		assertThat(response.json().get("expires_in").asLong()).isBetween(43198L, 43200L);
		assertThat(Duration.ofSeconds(response.json().get("refresh_token_expires_in").asLong()).toDays())
			.isBetween(58L, 59L);
		assertThat(response.field("token_type")).isEqualTo("Bearer");
	}

	@Test
	void sameRefreshTokenIsReturnedAndItsLifetimeCountsDown() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		long previous = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			this.clock.advance(Duration.ofDays(1));
			HttpResponseView response = seedRequest(token);
			assertThat(response.field("refresh_token")).isEqualTo(token);
			long remaining = response.json().get("refresh_token_expires_in").asLong();
			assertThat(remaining).isLessThan(previous);
			previous = remaining;
		}
	}

	@Test
	void refreshTokenDiesFiftyNineDaysAfterTheGrantEvenWhenUsed() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		this.clock.advance(Duration.ofDays(20));
		assertThat(seedRequest(token).status()).isEqualTo(200);
		this.clock.advance(Duration.ofDays(20));
		assertThat(seedRequest(token).status()).isEqualTo(200);
		this.clock.advance(Duration.ofDays(20));
		assertThat(seedRequest(token).error()).isEqualTo("invalid_grant");
	}
}
