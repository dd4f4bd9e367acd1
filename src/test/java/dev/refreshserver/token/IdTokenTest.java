package dev.refreshserver.token;

import java.net.URI;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.AccessTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import org.junit.jupiter.api.Test;

import dev.refreshserver.refresh.RefreshTokens;
import dev.refreshserver.support.Browser;
import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.IdTokenChecks;
import dev.refreshserver.support.ServerTest;

import static dev.refreshserver.support.Browser.REDIRECT_URI;
import static dev.refreshserver.support.ServerHttp.basic;
import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * ID tokens of the code and refresh grants, checked the way a relying party checks them: Nimbus
 * oauth2-oidc-sdk's validators, and the rules of OpenID Connect Core §12.2 between the two.
 */
class IdTokenTest extends ServerTest {

	@Test
	void theCodeGrantsIdTokenWithNonceAndARefreshedOneAreValidAndTheRefreshedOneFollowsSection12_2()
			throws Exception {
		HttpResponseView tokens = logInAndRedeem("openid profile email", "n-0S6_WzA2Mj");
		assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
		IDTokenValidator validator = validator();

		IDTokenClaimsSet original = validator.validate(JWTParser.parse(tokens.field("id_token")),
				new Nonce("n-0S6_WzA2Mj"));
		AccessTokenValidator.validate(new BearerAccessToken(tokens.field("access_token")), JWSAlgorithm.RS256,
				original.getAccessTokenHash());
		assertThat(original.getSubject().getValue()).isEqualTo("alice");
		assertThat(original.getAuthenticationTime()).isNotNull();
		assertThat(original.getStringClaim("azp")).isEqualTo("demo-client");
		assertThat(original.getStringClaim("name")).isEqualTo("Alice Example");
		assertThat(original.getStringClaim("email")).isEqualTo("alice@example.com");

		this.clock.advance(java.time.Duration.ofSeconds(2));
		HttpResponseView refreshed = this.http.refresh(tokens.field("refresh_token"));
		assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
		IDTokenClaimsSet renewed = validator.validate(JWTParser.parse(refreshed.field("id_token")), null);
		AccessTokenValidator.validate(new BearerAccessToken(refreshed.field("access_token")), JWSAlgorithm.RS256,
				renewed.getAccessTokenHash());

		// OpenID Connect Core §12.2
		assertThat(renewed.getIssuer()).isEqualTo(original.getIssuer());
		assertThat(renewed.getSubject()).isEqualTo(original.getSubject());
		assertThat(renewed.getAudience()).isEqualTo(original.getAudience());
		assertThat(renewed.getStringClaim("azp")).isEqualTo(original.getStringClaim("azp"));
		assertThat(renewed.getAuthenticationTime()).isEqualTo(original.getAuthenticationTime());
		assertThat(renewed.getIssueTime()).isAfter(original.getIssueTime());
		assertThat(renewed.getNonce()).isNull();
	}

	@Test
	void withoutOpenIdThereIsNoIdTokenOnEitherGrant() throws Exception {
		HttpResponseView tokens = logInAndRedeem("read profile", null);
		assertThat(tokens.status()).isEqualTo(200);
		assertThat(tokens.json().has("id_token")).isFalse();
		HttpResponseView refreshed = this.http.refresh(tokens.field("refresh_token"));
		assertThat(refreshed.json().has("id_token")).isFalse();
	}

	@Test
	void aRefreshThatNarrowsTheScopeWithoutOpenIdGetsNoIdToken() {
		String token = this.http.mint("demo-client", "alice", "openid read").field("refresh_token");
		HttpResponseView narrowed = this.http.refresh("demo-client", "demo-secret", token, "read");
		assertThat(narrowed.status()).isEqualTo(200);
		assertThat(narrowed.json().has("id_token")).isFalse();
		HttpResponseView wide = this.http.refresh(narrowed.field("refresh_token"));
		assertThat(wide.json().has("id_token")).as("the grant still includes openid").isTrue();
	}

	@Test
	void theIdTokenReleasesOnlyTheClaimsOfItsScope() throws Exception {
		IDTokenClaimsSet openIdOnly = validator().validate(
				JWTParser.parse(this.http.mint("demo-client", "alice", "openid").field("id_token")), null);
		assertThat(openIdOnly.getClaim("name")).isNull();
		assertThat(openIdOnly.getClaim("email")).isNull();
		IDTokenClaimsSet profile = validator().validate(
				JWTParser.parse(this.http.mint("demo-client", "alice", "openid profile").field("id_token")), null);
		assertThat(profile.getStringClaim("name")).isEqualTo("Alice Example");
		assertThat(profile.getStringClaim("preferred_username")).isEqualTo("alice");
		assertThat(profile.getStringClaim("locale")).isEqualTo("en");
		assertThat(profile.getClaim("email")).isNull();
	}

	@Test
	void aPolicyThatRequiresOfflineAccessGivesARefreshTokenOnlyToGrantsWithIt() {
		HttpResponseView online = this.http.mint("offline-client", "alice", "openid profile");
		assertThat(online.status()).isEqualTo(200);
		assertThat(online.json().has("refresh_token")).isFalse();
		assertThat(online.field("id_token")).isNotBlank();
		HttpResponseView offline = this.http.mint("offline-client", "alice", "openid offline_access");
		assertThat(offline.field("refresh_token")).isNotBlank();
		assertThat(this.http.refresh("offline-client", "offline-secret", offline.field("refresh_token"), null).status())
			.isEqualTo(200);
	}

	@Test
	void aPolicyCanLeaveTheIdTokenOutOfRefreshResponses() {
		HttpResponseView minted = this.http.mint("no-refreshed-id-client", "alice", "openid");
		assertThat(minted.field("id_token")).as("the original grant still has one").isNotBlank();
		HttpResponseView refreshed = this.http.refresh("no-refreshed-id-client", "no-refreshed-id-secret",
				minted.field("refresh_token"), null);
		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(refreshed.json().has("id_token")).isFalse();
	}

	@Test
	void aRequestWithoutScopeIsNoOpenIdRequest() {
		HttpResponseView minted = this.http.mint("demo-client", "alice", null);
		assertThat(minted.field("scope").split(" ")).doesNotContain("openid");
		assertThat(minted.json().has("id_token")).isFalse();
	}

	@Test
	void aNonceLongerThanACodeKeepsIsRefusedToTheClient() throws Exception {
		Map<String, String> request = Browser.authorizationRequest("demo-client", "openid",
				Browser.challenge(RefreshTokens.generate()));
		request.put("nonce", "n".repeat(10_001));

		HttpResponseView refused = this.http.postForm("/oauth2/authorize", request, "Accept", "text/html");

		assertThat(refused.status()).as(refused.toString()).isEqualTo(302);
		assertThat(refused.header("Location")).startsWith(REDIRECT_URI)
			.contains("error=invalid_request")
			.contains("state=xyz");
	}

	private HttpResponseView logInAndRedeem(String scope, String nonce) throws Exception {
		String verifier = RefreshTokens.generate();
		Map<String, String> request = Browser.authorizationRequest("demo-client", scope, Browser.challenge(verifier));
		if (nonce != null) {
			request.put("nonce", nonce);
		}
		URI callback = URI.create(Browser.authorizeAndLogIn(this.http, request).header("Location"));
		String code = Browser.queryOf(callback).get("code");
		return this.http.postForm("/oauth2/token", form("grant_type", "authorization_code", "code", code,
				"redirect_uri", REDIRECT_URI, "code_verifier", verifier), "Authorization",
				basic("demo-client", "demo-secret"));
	}

	private IDTokenValidator validator() {
		return IdTokenChecks.validator(this.http, "demo-client");
	}
}
