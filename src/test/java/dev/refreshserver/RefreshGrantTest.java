package dev.refreshserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jwt.JWTClaimsSet;
import org.junit.jupiter.api.Test;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.Jwks;
import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.ServerTest;

import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

class RefreshGrantTest extends ServerTest {

	@Test
	void refreshWithBasicAuthReturnsNewRefreshTokenAndVerifiableJwt() throws Exception {
		String refreshToken = this.http.mintRefreshToken("demo-client", "read write");

		HttpResponseView response = this.http.refresh(refreshToken);

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
		assertThat(response.header("Pragma")).isEqualTo("no-cache");
		assertThat(response.field("refresh_token")).isNotBlank().isNotEqualTo(refreshToken);
		assertThat(response.field("token_type")).isEqualTo("Bearer");
		assertThat(response.json().get("expires_in").asLong()).isEqualTo(600);
		JWTClaimsSet claims = verifyWithJwks(response.field("access_token"));
		assertThat(claims.getSubject()).isEqualTo("alice");
		assertThat(claims.getStringClaim("client_id")).isEqualTo("demo-client");
		assertThat(claims.getStringClaim("scope")).isEqualTo("read write");
		assertThat(claims.getIssuer()).isEqualTo(this.http.base());
		assertThat(claims.getAudience()).isNotEmpty();
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
	}

	@Test
	void refreshWithPostAuthReturnsNewRefreshTokenAndVerifiableJwt() throws Exception {
		String refreshToken = this.http.mintRefreshToken("demo-client", "read");

		HttpResponseView response = this.http.postForm("/oauth2/token", form("grant_type", "refresh_token",
				"refresh_token", refreshToken, "client_id", "demo-client", "client_secret", "demo-secret"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
		assertThat(response.field("refresh_token")).isNotBlank().isNotEqualTo(refreshToken);
		assertThat(verifyWithJwks(response.field("access_token")).getStringClaim("scope")).isEqualTo("read");
	}

	@Test
	void reusedRotatedTokenRevokesFamily() {
		String original = this.http.mintRefreshToken("demo-client", "read write");
		HttpResponseView rotated = this.http.refresh(original);
		String successor = rotated.field("refresh_token");
		assertThat(this.http.introspect(successor).json().get("active").asBoolean()).isTrue();

		HttpResponseView replay = this.http.refresh(original);

		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.error()).isEqualTo("invalid_grant");
		assertThat(this.http.refresh(successor).error()).isEqualTo("invalid_grant");
		assertThat(this.http.introspect(successor).json().get("active").asBoolean()).isFalse();
		assertThat(this.http.introspect(rotated.field("access_token")).json().get("active").asBoolean()).isFalse();
	}

	@Test
	void concurrentRefreshesOfOneTokenYieldExactlyOneSuccess() throws Exception {
		String refreshToken = this.http.mintRefreshToken("demo-client", "read");
		List<HttpResponseView> responses = this.http.atOnce(20, (client) -> client.refresh(refreshToken));

		assertThat(responses).filteredOn((response) -> response.status() == 200).hasSize(1);
		assertThat(responses).filteredOn((response) -> response.status() != 200).allSatisfy((response) -> {
			assertThat(response.status()).isEqualTo(400);
			assertThat(response.error()).isEqualTo("invalid_grant");
		});
	}

	@Test
	void idleExpirySlidesOnUse() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		// standard: idle 30 days. Using the token every 29 days keeps the family alive.
		for (int i = 0; i < 3; i++) {
			this.clock.advance(Duration.ofDays(29));
			HttpResponseView response = this.http.refresh(token);
			assertThat(response.status()).as("refresh after %d x 29 days", i + 1).isEqualTo(200);
			token = response.field("refresh_token");
		}
		this.clock.advance(Duration.ofDays(30).plusSeconds(1));
		assertThat(this.http.refresh(token).error()).isEqualTo("invalid_grant");
	}

	@Test
	void absoluteExpiryCapsSlidingFamily() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		// standard: absolute 365 days from the original grant, however often it is used.
		for (int day = 25; day < 365; day += 25) {
			this.clock.advance(Duration.ofDays(25));
			HttpResponseView response = this.http.refresh(token);
			assertThat(response.status()).as("refresh on day %d", day).isEqualTo(200);
			token = response.field("refresh_token");
		}
		this.clock.advance(Duration.ofDays(15));
		HttpResponseView afterCap = this.http.refresh(token);
		assertThat(afterCap.status()).isEqualTo(400);
		assertThat(afterCap.error()).isEqualTo("invalid_grant");
	}

	@Test
	void expiryOfRefreshedTokenIsCappedByFamilyAbsoluteExpiry() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		for (int day = 25; day <= 350; day += 25) {
			this.clock.advance(Duration.ofDays(25));
			token = this.http.refresh(token).field("refresh_token");
		}
		// day 350: idle alone would allow 30 more days; the family ends on day 365.
		HttpResponseView introspection = this.http.introspect(token);
		long lifetime = introspection.json().get("exp").asLong() - introspection.json().get("iat").asLong();
		assertThat(lifetime).isBetween(Duration.ofDays(15).minusMinutes(1).toSeconds(),
				Duration.ofDays(15).toSeconds());
	}

	@Test
	void scopeNarrowingDoesNotShrinkTheGrant() throws Exception {
		String token = this.http.mintRefreshToken("demo-client", "read write");

		HttpResponseView narrowed = this.http.refresh("demo-client", "demo-secret", token, "read");
		assertThat(narrowed.status()).isEqualTo(200);
		assertThat(verifyWithJwks(narrowed.field("access_token")).getStringClaim("scope")).isEqualTo("read");
		assertThat(narrowed.field("scope")).isEqualTo("read");

		HttpResponseView full = this.http.refresh(narrowed.field("refresh_token"));
		assertThat(full.status()).isEqualTo(200);
		assertThat(verifyWithJwks(full.field("access_token")).getStringClaim("scope")).isEqualTo("read write");

		HttpResponseView widened = this.http.refresh("demo-client", "demo-secret", full.field("refresh_token"),
				"admin");
		assertThat(widened.status()).isEqualTo(400);
		assertThat(widened.error()).isEqualTo("invalid_scope");
		// a refused scope does not consume the token
		assertThat(this.http.refresh(full.field("refresh_token")).status()).isEqualTo(200);
	}

	@Test
	void tokenOfAnotherClientIsInvalidGrant() {
		String token = this.http.mintRefreshToken("demo-client", "read");

		HttpResponseView foreign = this.http.refresh("other-client", "other-secret", token, null);

		assertThat(foreign.status()).isEqualTo(400);
		assertThat(foreign.error()).isEqualTo("invalid_grant");
		assertThat(this.http.refresh(token).status()).isEqualTo(200);
	}

	@Test
	void wrongSecretIsInvalidClientWithBasicChallenge() {
		String token = this.http.mintRefreshToken("demo-client", "read");

		HttpResponseView response = this.http.refresh("demo-client", "not-the-secret", token, null);

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.error()).isEqualTo("invalid_client");
		assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
		assertThat(this.http.refresh(token).status()).isEqualTo(200);
	}

	@Test
	void unknownExpiredRevokedReusedAndForeignTokensGetTheSameAnswer() {
		String reused = this.http.mintRefreshToken("demo-client", "read");
		this.http.refresh(reused);
		String revoked = this.http.mintRefreshToken("demo-client", "read");
		this.http.postForm("/oauth2/revoke", form("token", revoked), "Authorization",
				ServerHttp.basic("demo-client", "demo-secret"));
		String foreign = this.http.mintRefreshToken("other-client", "read");
		String expired = this.http.mintRefreshToken("demo-client", "read");
		this.clock.advance(Duration.ofDays(31));

		List<String> bodies = new ArrayList<>();
		for (String token : List.of("never-issued", expired, revoked, reused, foreign)) {
			HttpResponseView response = this.http.refresh(token);
			assertThat(response.status()).isEqualTo(400);
			bodies.add(response.body());
		}
		assertThat(bodies).allMatch(bodies.get(0)::equals);
	}

	@Test
	void publicClientRefreshesWithClientIdOnlyAndAlwaysRotates() {
		String token = this.http.mintRefreshToken("demo-public", "read");

		HttpResponseView response = this.http.postForm("/oauth2/token",
				form("grant_type", "refresh_token", "refresh_token", token, "client_id", "demo-public"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.field("refresh_token")).isNotEqualTo(token);
		HttpResponseView replay = this.http.postForm("/oauth2/token",
				form("grant_type", "refresh_token", "refresh_token", token, "client_id", "demo-public"));
		assertThat(replay.error()).isEqualTo("invalid_grant");
	}

	@Test
	void retryInsideGraceWindowGetsTheSameSuccessor() {
		String token = this.http.mintRefreshToken("grace-client", "read");
		HttpResponseView first = this.http.refresh("grace-client", "grace-secret", token, null);
		this.clock.advance(Duration.ofSeconds(10));

		HttpResponseView retry = this.http.refresh("grace-client", "grace-secret", token, null);

		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.field("refresh_token")).isEqualTo(first.field("refresh_token"));
		HttpResponseView next = this.http.refresh("grace-client", "grace-secret", retry.field("refresh_token"), null);
		assertThat(next.status()).isEqualTo(200);
		// the grandparent is no longer the immediate predecessor: reuse, family revoked
		assertThat(this.http.refresh("grace-client", "grace-secret", token, null).error()).isEqualTo("invalid_grant");
		assertThat(this.http.refresh("grace-client", "grace-secret", next.field("refresh_token"), null).error())
			.isEqualTo("invalid_grant");
	}

	@Test
	void retryAfterGraceWindowIsReuse() {
		String token = this.http.mintRefreshToken("grace-client", "read");
		String successor = this.http.refresh("grace-client", "grace-secret", token, null).field("refresh_token");
		this.clock.advance(Duration.ofSeconds(31));

		assertThat(this.http.refresh("grace-client", "grace-secret", token, null).error()).isEqualTo("invalid_grant");
		assertThat(this.http.refresh("grace-client", "grace-secret", successor, null).error())
			.isEqualTo("invalid_grant");
	}

	@Test
	void reuseModeReturnsTheSameRefreshTokenAndSlidesItsExpiry() {
		String token = this.http.mintRefreshToken("reuse-client", "read");
		for (int i = 0; i < 3; i++) {
			this.clock.advance(Duration.ofDays(29));
			HttpResponseView response = this.http.refresh("reuse-client", "reuse-secret", token, null);
			assertThat(response.status()).isEqualTo(200);
			assertThat(response.field("refresh_token")).isEqualTo(token);
		}
	}

	@Test
	void revokingARefreshTokenRevokesItsFamily() {
		String original = this.http.mintRefreshToken("demo-client", "read");
		HttpResponseView refreshed = this.http.refresh(original);

		HttpResponseView revoke = this.http.postForm("/oauth2/revoke",
				form("token", refreshed.field("refresh_token"), "token_type_hint", "refresh_token"), "Authorization",
				ServerHttp.basic("demo-client", "demo-secret"));

		assertThat(revoke.status()).isEqualTo(200);
		assertThat(this.http.refresh(refreshed.field("refresh_token")).error()).isEqualTo("invalid_grant");
		assertThat(this.http.introspect(refreshed.field("access_token")).json().get("active").asBoolean())
			.isFalse();
	}

	@Test
	void introspectionReportsLiveTokensWithTheirClaims() {
		HttpResponseView minted = this.http.mint("demo-client", "carol", "read write");

		HttpResponseView refresh = this.http.introspect(minted.field("refresh_token"));
		HttpResponseView access = this.http.introspect(minted.field("access_token"));

		assertThat(refresh.json().get("active").asBoolean()).isTrue();
		assertThat(refresh.field("client_id")).isEqualTo("demo-client");
		assertThat(refresh.field("sub")).isEqualTo("carol");
		assertThat(refresh.field("scope")).isEqualTo("read write");
		assertThat(access.json().get("active").asBoolean()).isTrue();
		assertThat(access.field("sub")).isEqualTo("carol");
		assertThat(access.field("scope")).isEqualTo("read write");
		assertThat(this.http.introspect("garbage").json().get("active").asBoolean()).isFalse();
	}

	@Test
	void clientCredentialsNeverReturnsARefreshToken() {
		HttpResponseView response = this.http.postForm("/oauth2/token", form("grant_type", "client_credentials"),
				"Authorization", ServerHttp.basic("machine-client", "machine-secret"));

		assertThat(response.status()).isEqualTo(200);
		assertThat(response.field("access_token")).isNotBlank();
		assertThat(response.json().has("refresh_token")).isFalse();

		HttpResponseView revoke = this.http.postForm("/oauth2/revoke", form("token", response.field("access_token")),
				"Authorization", ServerHttp.basic("machine-client", "machine-secret"));
		assertThat(revoke.status()).isEqualTo(400);
		assertThat(revoke.error()).isEqualTo("unsupported_token_type");
	}

	private JWTClaimsSet verifyWithJwks(String accessToken) throws Exception {
		return Jwks.verify(this.http, accessToken);
	}

}
