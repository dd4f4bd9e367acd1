package dev.refreshserver.profile;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ProfileServerTest;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/** Seed 002: Glimesh refresh tokens. */
class GlimeshProfileTest extends ProfileServerTest {

	@Override
	protected String profile() {
		return "glimesh";
	}

	/** The seed's request: every parameter in the query string of a bodiless POST to its URL. */
	HttpResponseView seedRequest(String refreshToken, String scope) {
		return seedRequest("/api/oauth/token", refreshToken, scope);
	}

	HttpResponseView seedRequest(String path, String refreshToken, String scope) {
		String query = "grant_type=refresh_token&refresh_token=" + refreshToken
				+ "&redirect_uri=http://127.0.0.1:8080/callback&client_id=demo-client&client_secret=demo-secret"
				+ "&code=CODE" + ((scope != null) ? "&scope=" + scope : "");
		return this.http.post(path + "?" + query, null, "");
	}

	@Test
	void theServersOwnTokenPathTakesTheSeedRequestToo() {
		HttpResponseView response = seedRequest("/oauth2/token", this.http.mintRefreshToken("demo-client", "read"), null);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.field("token_type")).isEqualTo("bearer");
	}

	@Test
	void seedRequestGetsTheSeedResponse() {
		HttpResponseView response = seedRequest(this.http.mintRefreshToken("demo-client", "read write"), null);

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertFields(response, Map.of("access_token", String.class, "created_at", String.class, "expires_in",
				Number.class, "refresh_token", String.class, "scope", String.class, "token_type", String.class));
		assertThat(response.field("created_at")).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}");
		assertThat(response.json().get("expires_in").asLong()).isBetween(21599L, 21600L);
		assertThat(response.field("token_type")).isEqualTo("bearer");
		assertThat(response.field("scope")).isEqualTo("read write");
	}

	@Test
	void everyRefreshReturnsANewPairAndTheOldTokenIsDead() {
		String first = this.http.mintRefreshToken("demo-client", "read");
		String token = first;
		for (int i = 0; i < 3; i++) {
			HttpResponseView response = seedRequest(token, null);
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.field("refresh_token")).isNotEqualTo(token);
			token = response.field("refresh_token");
		}
		assertThat(seedRequest(first, null).error()).isEqualTo("invalid_grant");
	}

	@Test
	void refreshTokenDiesAfterOneYearEvenWhenUsedMonthly() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		for (int month = 1; month <= 12; month++) {
			this.clock.advance(Duration.ofDays(30));
			HttpResponseView response = seedRequest(token, null);
			assertThat(response.status()).as("month %d", month).isEqualTo(200);
			token = response.field("refresh_token");
		}
		this.clock.advance(Duration.ofDays(6));
		assertThat(seedRequest(token, null).error()).isEqualTo("invalid_grant");
	}

	@Test
	void refreshNeverWidensScope() {
		HttpResponseView response = seedRequest(this.http.mintRefreshToken("demo-client", "read"), "read%20write");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.error()).isEqualTo("invalid_scope");
	}

	@Test
	void revokedAppKillsBothTokens() {
		HttpResponseView minted = this.http.mint("demo-client", "alice", "read");
		this.http.postForm("/oauth2/revoke", ServerHttp.form("token", minted.field("refresh_token")),
				"Authorization", ServerHttp.basic("demo-client", "demo-secret"));

		assertThat(seedRequest(minted.field("refresh_token"), null).error()).isEqualTo("invalid_grant");
		assertThat(this.http.introspect(minted.field("access_token")).json().get("active").asBoolean()).isFalse();
	}
}
