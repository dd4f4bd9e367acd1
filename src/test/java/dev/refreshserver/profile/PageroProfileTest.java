package dev.refreshserver.profile;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ProfileServerTest;
import dev.refreshserver.support.ServerHttp;

import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/** Seed 004: Pagero's refresh token. */
class PageroProfileTest extends ProfileServerTest {

	static final String PATH = "/oauth/v2/oauth-token";

	@Override
	protected String profile() {
		return "pagero";
	}

	/** The seed's curl: form body, credentials with --user. */
	HttpResponseView seedRequest(String refreshToken) {
		return this.http.postForm(PATH, form("grant_type", "refresh_token", "refresh_token", refreshToken),
				"Authorization", ServerHttp.basic("scopeless-client", "scopeless-secret"));
	}

	@Test
	void seedRequestGetsTheSeedResponse() {
		HttpResponseView response = seedRequest(this.http.mintRefreshToken("scopeless-client", null));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertFields(response, Map.of("token_type", String.class, "access_token", String.class, "refresh_token",
				String.class, "scope", String.class, "claims", String.class, "expires_in", Number.class));
		assertThat(response.field("token_type")).isEqualTo("bearer");
		assertThat(response.field("access_token").split("\\.")).hasSize(3);
		assertThat(response.field("scope")).isEmpty();
		assertThat(response.field("claims")).isEqualTo("publicid");
		assertThat(response.json().get("expires_in").asLong()).isEqualTo(600);
	}

	@Test
	void credentialsInTheBodyWorkToo() {
		HttpResponseView response = this.http.postForm(PATH, form("grant_type", "refresh_token", "refresh_token",
				this.http.mintRefreshToken("scopeless-client", null), "client_id", "scopeless-client", "client_secret",
				"scopeless-secret"));
		assertThat(response.status()).isEqualTo(200);
	}

	@Test
	void refreshTokenIsSingleUse() {
		String first = this.http.mintRefreshToken("scopeless-client", null);
		String token = first;
		for (int i = 0; i < 3; i++) {
			HttpResponseView response = seedRequest(token);
			assertThat(response.field("refresh_token")).isNotEqualTo(token);
			token = response.field("refresh_token");
		}
		assertThat(seedRequest(first).error()).isEqualTo("invalid_grant");
	}

	@Test
	void rollingThreeYearLifetimeKeepsAMonthlyClientGoingPastTwoPointNineYears() {
		String token = this.http.mintRefreshToken("scopeless-client", null);
		for (int month = 1; month <= 36; month++) {
			this.clock.advance(Duration.ofDays(30));
			HttpResponseView response = seedRequest(token);
			assertThat(response.status()).as("month %d", month).isEqualTo(200);
			token = response.field("refresh_token");
		}
		this.clock.advance(Duration.ofDays(1095).plusSeconds(1));
		assertThat(seedRequest(token).error()).isEqualTo("invalid_grant");
	}
}
