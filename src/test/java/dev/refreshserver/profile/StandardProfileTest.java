package dev.refreshserver.profile;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.ServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/** The standard profile (RFC 6749 §6), and a client that takes another profile with one config line. */
class StandardProfileTest extends ServerTest {

	@Test
	void rfc6749RequestGetsTheRfc6749Response() {
		HttpResponseView response = this.http.refresh(this.http.mintRefreshToken("demo-client", "read"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().propertyNames()).containsExactlyInAnyOrder("access_token", "token_type",
				"expires_in", "refresh_token", "scope");
		assertThat(response.field("token_type")).isEqualTo("Bearer");
		assertThat(response.json().get("expires_in").asLong()).isEqualTo(600);
	}

	@Test
	void threeRefreshesInARowEachRotateAndTheOldTokenIsDead() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		for (int i = 0; i < 3; i++) {
			HttpResponseView response = this.http.refresh(token);
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.field("refresh_token")).isNotEqualTo(token);
			assertThat(this.http.introspect(token).json().get("active").asBoolean()).isFalse();
			assertThat(this.http.introspect(response.field("refresh_token")).json().get("active").asBoolean()).isTrue();
			token = response.field("refresh_token");
		}
	}

	@Test
	void queryStringParametersAreInvalidRequest() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		HttpResponseView response = this.http.post("/oauth2/token?grant_type=refresh_token&refresh_token=" + token
				+ "&client_id=demo-client&client_secret=demo-secret", null, "");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.error()).isEqualTo("invalid_request");
	}

	@Test
	void aClientCanTakeAnotherProfileWithOneConfigLine() {
		String token = this.http.mintRefreshToken("webex-client", "spark:all");
		HttpResponseView response = this.http.postForm("/oauth2/token", Map.of("grant_type", "refresh_token",
				"refresh_token", token, "client_id", "webex-client", "client_secret", "webex-secret"));

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		assertThat(response.field("refresh_token")).isEqualTo(token);
		assertThat(response.json().get("expires_in").asLong()).isEqualTo(1209600);
		assertThat(response.json().has("refresh_token_expires_in")).isTrue();
	}

	@Test
	void aClientOfAnotherProfileSendsTheRequestShapesOfItsProfile() {
		String webexToken = this.http.mintRefreshToken("webex-client", "spark:all");
		String json = "{\"grant_type\":\"refresh_token\",\"client_id\":\"webex-client\","
				+ "\"client_secret\":\"webex-secret\",\"refresh_token\":\"" + webexToken + "\"}";
		HttpResponseView webex = this.http.post("/oauth2/token", "application/json", json);
		assertThat(webex.status()).as(webex.toString()).isEqualTo(200);
		assertThat(webex.field("refresh_token")).isEqualTo(webexToken);

		String demoToken = this.http.mintRefreshToken("demo-client", "read");
		HttpResponseView demo = this.http.post("/oauth2/token", "application/json", json
			.replace("webex-client", "demo-client").replace("webex-secret", "demo-secret").replace(webexToken, demoToken));
		assertThat(demo.status()).isEqualTo(400);
		assertThat(demo.error()).isEqualTo("invalid_request");
	}

	@Test
	void aWebmethodsClientOnAStandardServerStillNeedsHttps() {
		String token = this.http.mintRefreshToken("webmethods-client", "read");
		HttpResponseView response = this.http.refresh("webmethods-client", "webmethods-secret", token, null);

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.error()).isEqualTo("invalid_request");
		assertThat(response.field("error_description")).contains("HTTPS");
		assertThat(this.http.refresh(this.http.mintRefreshToken("demo-client", "read")).status()).isEqualTo(200);
	}

	@Test
	void aProfilesTokenPathServesOnlyTheClientsOfThatProfile() {
		String pageroToken = this.http.mintRefreshToken("pagero-client", "read");
		HttpResponseView pagero = this.http.postForm("/oauth/v2/oauth-token",
				Map.of("grant_type", "refresh_token", "refresh_token", pageroToken), "Authorization",
				ServerHttp.basic("pagero-client", "pagero-secret"));
		assertThat(pagero.status()).as(pagero.toString()).isEqualTo(200);
		assertThat(pagero.field("claims")).isEqualTo("publicid");

		HttpResponseView demo = this.http.postForm("/oauth/v2/oauth-token",
				Map.of("grant_type", "refresh_token", "refresh_token", this.http.mintRefreshToken("demo-client", "read")),
				"Authorization", ServerHttp.basic("demo-client", "demo-secret"));
		assertThat(demo.status()).isEqualTo(400);
		assertThat(demo.error()).isEqualTo("invalid_request");
	}
}
