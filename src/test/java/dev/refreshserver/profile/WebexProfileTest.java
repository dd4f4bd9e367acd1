package dev.refreshserver.profile;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ProfileServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 000: Webex service app / integration token refresh. */
class WebexProfileTest extends ProfileServerTest {

	@Override
	protected String profile() {
		return "webex";
	}

	/** The seed's request: a JSON body with the client credentials, and a stray Bearer header. */
	HttpResponseView seedRequest(String refreshToken) {
		return this.http.post("/oauth2/token", "application/json", """
				{
				    "grant_type": "refresh_token",
				    "client_id": "demo-client",
				    "client_secret": "demo-secret",
				    "refresh_token":"%s"
				}""".formatted(refreshToken), "Authorization", "bearer some-access-token");
	}

	@Test
	void seedRequestGetsTheSeedResponse() {
		HttpResponseView response = seedRequest(this.http.mintRefreshToken("demo-client", "read write"));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertFields(response, Map.of("access_token", String.class, "expires_in", Number.class, "refresh_token",
				String.class, "refresh_token_expires_in", Number.class, "token_type", String.class, "scope",
				String.class));
		assertThat(response.json().get("expires_in").asLong()).isBetween(1209598L, 1209600L);
		assertThat(response.json().get("refresh_token_expires_in").asLong()).isBetween(7775000L, 7776000L);
		assertThat(response.field("token_type")).isEqualTo("Bearer");
		assertThat(response.field("scope")).isEqualTo("read write");
	}

	@Test
	void sameRefreshTokenIsReturnedEveryTime() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		for (int i = 0; i < 3; i++) {
			HttpResponseView response = seedRequest(token);
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.field("refresh_token")).isEqualTo(token);
		}
	}

	@Test
	void refreshTokenLivesNinetyDaysAndTheTimerResetsOnUse() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		for (int i = 0; i < 3; i++) {
			this.clock.advance(Duration.ofDays(89));
			HttpResponseView response = seedRequest(token);
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.json().get("refresh_token_expires_in").asLong()).isEqualTo(Duration.ofDays(90).toSeconds());
		}
		this.clock.advance(Duration.ofDays(90).plusSeconds(1));
		assertThat(seedRequest(token).error()).isEqualTo("invalid_grant");
	}

	@Test
	void aPublicClientIsRotatedAnyway() {
		String token = this.http.mintRefreshToken("demo-public", "read");
		HttpResponseView first = this.http.postForm("/oauth2/token",
				Map.of("grant_type", "refresh_token", "refresh_token", token, "client_id", "demo-public"));
		assertThat(first.status()).as(first.toString()).isEqualTo(200);
		assertThat(first.field("refresh_token")).isNotEqualTo(token);

		HttpResponseView replay = this.http.postForm("/oauth2/token",
				Map.of("grant_type", "refresh_token", "refresh_token", token, "client_id", "demo-public"));
		assertThat(replay.error()).isEqualTo("invalid_grant");
	}

	@Test
	void aJsonMemberGivenTwiceIsARepeatedParameter() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		HttpResponseView response = this.http.post("/oauth2/token", "application/json", """
				{"grant_type": "refresh_token", "client_id": "demo-client", "client_secret": "demo-secret",
				 "refresh_token": "bogus", "refresh_token": "%s"}""".formatted(token));

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.error()).isEqualTo("invalid_request");
	}

	@Test
	void formBodyWorksTooButTheQueryStringDoesNot() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		assertThat(this.http.refresh(token).status()).isEqualTo(200);

		HttpResponseView query = this.http.post("/oauth2/token?grant_type=refresh_token&refresh_token=" + token,
				"application/json", "{}");
		assertThat(query.status()).isEqualTo(400);
		assertThat(query.error()).isEqualTo("invalid_request");
	}

	@Test
	void malformedJsonIsInvalidRequest() {
		for (String body : new String[] { "{", "[]", "{\"grant_type\":{\"nested\":1}}", "null", "{\"a\":null}" }) {
			HttpResponseView response = this.http.post("/oauth2/token", "application/json", body);
			assertThat(response.status()).as(body).isEqualTo(400);
			assertThat(response.error()).as(body).isEqualTo("invalid_request");
		}
	}
}
