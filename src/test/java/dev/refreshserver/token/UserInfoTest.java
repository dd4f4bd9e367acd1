package dev.refreshserver.token;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerTest;

import static dev.refreshserver.support.ServerHttp.basic;
import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /userinfo} as RFC 6750 and OpenID Connect Core §5.3 describe it, and discovery that says so. */
class UserInfoTest extends ServerTest {

	@Test
	void aTokenWithOpenIdProfileEmailGetsTheDevUsersClaims() {
		String accessToken = this.http.mint("demo-client", "alice", "openid profile email").field("access_token");

		HttpResponseView userInfo = this.http.get("/userinfo", "Authorization", "Bearer " + accessToken);

		assertThat(userInfo.status()).as(userInfo.toString()).isEqualTo(200);
		assertThat(userInfo.header("Cache-Control")).isEqualTo("no-store");
		JsonNode claims = userInfo.json();
		assertThat(claims.get("sub").asString()).isEqualTo("alice");
		assertThat(claims.get("name").asString()).isEqualTo("Alice Example");
		assertThat(claims.get("preferred_username").asString()).isEqualTo("alice");
		assertThat(claims.get("email").asString()).isEqualTo("alice@example.com");
		assertThat(claims.get("locale").asString()).isEqualTo("en");
		assertThat(claims.get("groups").toString()).isEqualTo("[\"developers\"]");
	}

	@Test
	void openIdAloneGivesOnlyTheSubject() {
		String accessToken = this.http.mint("demo-client", "alice", "openid").field("access_token");

		JsonNode claims = this.http.get("/userinfo", "Authorization", "Bearer " + accessToken).json();

		assertThat(claims.propertyNames()).containsExactly("sub");
		assertThat(claims.get("sub").asString()).isEqualTo("alice");
	}

	@Test
	void emailWithoutProfileGivesTheEmailOnly() {
		String accessToken = this.http.mint("demo-client", "alice", "openid email").field("access_token");

		JsonNode claims = this.http.get("/userinfo", "Authorization", "Bearer " + accessToken).json();

		assertThat(claims.propertyNames()).containsExactlyInAnyOrder("sub", "email");
	}

	@Test
	void aSubjectThatIsNoConfiguredUserHasOnlyItsSubject() {
		String accessToken = this.http.mint("demo-client", "minted-user", "openid profile email").field("access_token");

		JsonNode claims = this.http.get("/userinfo", "Authorization", "Bearer " + accessToken).json();

		assertThat(claims.propertyNames()).containsExactly("sub");
	}

	@Test
	void postWithTheTokenInTheFormBodyWorksToo() {
		String accessToken = this.http.mint("demo-client", "alice", "openid profile").field("access_token");

		HttpResponseView userInfo = this.http.postForm("/userinfo", form("access_token", accessToken));

		assertThat(userInfo.status()).as(userInfo.toString()).isEqualTo(200);
		assertThat(userInfo.field("name")).isEqualTo("Alice Example");
		assertThat(this.http.postForm("/userinfo", form(), "Authorization", "Bearer " + accessToken).status())
			.isEqualTo(200);
	}

	@Test
	void aRevokedFamilysAccessTokenIsAnInvalidToken() {
		HttpResponseView minted = this.http.mint("demo-client", "alice", "openid profile");
		String accessToken = minted.field("access_token");
		assertThat(this.http.get("/userinfo", "Authorization", "Bearer " + accessToken).status()).isEqualTo(200);
		this.http.postForm("/oauth2/revoke", form("token", minted.field("refresh_token")), "Authorization",
				basic("demo-client", "demo-secret"));

		assertInvalidToken(this.http.get("/userinfo", "Authorization", "Bearer " + accessToken));
	}

	@Test
	void anAccessTokenExpiredOnTheServerClockIsAnInvalidToken() {
		String accessToken = this.http.mint("demo-client", "alice", "openid").field("access_token");
		this.clock.advance(Duration.ofMinutes(11));

		assertInvalidToken(this.http.get("/userinfo", "Authorization", "Bearer " + accessToken));
	}

	@Test
	void garbageAndIdTokensAreInvalidTokens() {
		HttpResponseView minted = this.http.mint("demo-client", "alice", "openid");
		assertInvalidToken(this.http.get("/userinfo", "Authorization", "Bearer not.a.token"));
		assertInvalidToken(this.http.get("/userinfo", "Authorization", "Bearer " + minted.field("id_token")));
		assertInvalidToken(this.http.get("/userinfo", "Authorization", "Bearer " + minted.field("refresh_token")));
	}

	@Test
	void aTokenWithoutOpenIdIsInsufficientScope() {
		String accessToken = this.http.mint("demo-client", "alice", "read profile").field("access_token");

		HttpResponseView refused = this.http.get("/userinfo", "Authorization", "Bearer " + accessToken);

		assertThat(refused.status()).isEqualTo(403);
		assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer ")
			.contains("error=\"insufficient_scope\"")
			.contains("scope=\"openid\"");
		assertThat(refused.error()).isEqualTo("insufficient_scope");
	}

	@Test
	void aRequestWithoutATokenGetsTheBearerChallenge() {
		HttpResponseView refused = this.http.get("/userinfo");

		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer ").doesNotContain("error=");
		assertThat(refused.header("Content-Type")).startsWith("application/json");
	}

	@Test
	void aTokenInTheQueryOrSentTwiceIsAnInvalidRequest() {
		String accessToken = this.http.mint("demo-client", "alice", "openid").field("access_token");
		for (HttpResponseView refused : new HttpResponseView[] {
				this.http.get("/userinfo?access_token=" + accessToken),
				this.http.postForm("/userinfo", form("access_token", accessToken), "Authorization",
						"Bearer " + accessToken),
				this.http.get("/userinfo", "Authorization", "Bearer two words") }) {
			assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
			assertThat(refused.header("WWW-Authenticate")).contains("error=\"invalid_request\"");
			assertThat(refused.error()).isEqualTo("invalid_request");
			assertThat(refused.body()).doesNotContain(accessToken);
		}
	}

	@Test
	void discoveryDescribesUserInfoAndIdTokensAsImplemented() {
		JsonNode metadata = this.http.get("/.well-known/openid-configuration").json();

		assertThat(metadata.get("userinfo_endpoint").asString()).isEqualTo(this.http.base() + "/userinfo");
		assertThat(metadata.get("scopes_supported").toString()).contains("\"openid\"", "\"profile\"", "\"email\"");
		assertThat(metadata.get("id_token_signing_alg_values_supported").toString()).isEqualTo("[\"RS256\"]");
		assertThat(metadata.get("subject_types_supported").toString()).isEqualTo("[\"public\"]");
		assertThat(metadata.get("claims_supported").toString()).contains("\"sub\"", "\"name\"", "\"email\"",
				"\"preferred_username\"", "\"locale\"", "\"groups\"", "\"auth_time\"", "\"nonce\"");
		assertThat(metadata.get("request_uri_parameter_supported").asBoolean()).isFalse();
	}

	private static void assertInvalidToken(HttpResponseView refused) {
		assertThat(refused.status()).as(refused.toString()).isEqualTo(401);
		assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer ").contains("error=\"invalid_token\"");
		assertThat(refused.error()).isEqualTo("invalid_token");
	}
}
