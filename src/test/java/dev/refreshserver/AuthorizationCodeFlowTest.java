package dev.refreshserver;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.refreshserver.refresh.RefreshTokens;
import dev.refreshserver.support.Browser;
import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.ServerTest;

import static dev.refreshserver.support.Browser.REDIRECT_URI;
import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/** The real authorization code + PKCE flow through the login page, then refreshing its grant. */
class AuthorizationCodeFlowTest extends ServerTest {

	@Autowired
	DataSource dataSource;

	@Test
	void publicClientWithPkceGetsARefreshTokenThatRefreshes() throws Exception {
		String verifier = RefreshTokens.generate();
		String code = authorize("demo-public", "read write", verifier);

		HttpResponseView tokens = this.http.postForm("/oauth2/token", form("grant_type", "authorization_code", "code",
				code, "redirect_uri", REDIRECT_URI, "client_id", "demo-public", "code_verifier", verifier));

		assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
		assertThat(tokens.field("scope")).isEqualTo("read write");
		assertThat(tokens.header("Cache-Control")).isEqualTo("no-store");
		HttpResponseView refreshed = this.http.postForm("/oauth2/token", form("grant_type", "refresh_token",
				"refresh_token", tokens.field("refresh_token"), "client_id", "demo-public"));
		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(this.http.introspect(refreshed.field("access_token")).field("sub")).isEqualTo("alice");
	}

	@Test
	void aRedemptionWithoutTheRedirectUriSaysSoAndTheCodeStillRedeemsWithIt() throws Exception {
		String verifier = RefreshTokens.generate();
		String code = authorize("demo-public", "read", verifier);

		HttpResponseView missing = this.http.postForm("/oauth2/token", form("grant_type", "authorization_code", "code",
				code, "client_id", "demo-public", "code_verifier", verifier));
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.error()).isEqualTo("invalid_grant");
		assertThat(missing.field("error_description")).contains("redirect_uri is required");
		HttpResponseView other = this.http.postForm("/oauth2/token", form("grant_type", "authorization_code", "code",
				code, "redirect_uri", "http://127.0.0.1:8080/other", "client_id", "demo-public", "code_verifier", verifier));
		assertThat(other.field("error_description")).contains("redirect_uri differs");

		HttpResponseView tokens = this.http.postForm("/oauth2/token", form("grant_type", "authorization_code", "code",
				code, "redirect_uri", REDIRECT_URI, "client_id", "demo-public", "code_verifier", verifier));
		assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
	}

	@Test
	void confidentialClientRedeemsCodeOnceAndASecondRedemptionRevokesTheGrant() throws Exception {
		String verifier = RefreshTokens.generate();
		String code = authorize("demo-client", "read", verifier);
		Map<String, String> redemption = form("grant_type", "authorization_code", "code", code, "redirect_uri",
				REDIRECT_URI, "code_verifier", verifier);
		String basic = ServerHttp.basic("demo-client", "demo-secret");

		HttpResponseView tokens = this.http.postForm("/oauth2/token", redemption, "Authorization", basic);
		assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);

		HttpResponseView again = this.http.postForm("/oauth2/token", redemption, "Authorization", basic);
		assertThat(again.error()).isEqualTo("invalid_grant");
		assertThat(this.http.refresh(tokens.field("refresh_token")).error()).isEqualTo("invalid_grant");
	}

	@Test
	void wrongCodeVerifierIsInvalidGrant() throws Exception {
		String code = authorize("demo-public", "read", RefreshTokens.generate());

		HttpResponseView tokens = this.http.postForm("/oauth2/token", form("grant_type", "authorization_code", "code",
				code, "redirect_uri", REDIRECT_URI, "client_id", "demo-public", "code_verifier",
				RefreshTokens.generate()));

		assertThat(tokens.status()).isEqualTo(400);
		assertThat(tokens.error()).isEqualTo("invalid_grant");
	}

	@Test
	void concurrentRedemptionsOfOneCodeYieldExactlyOneSuccess() throws Exception {
		String verifier = RefreshTokens.generate();
		String code = authorize("demo-public", "read", verifier);
		Map<String, String> redemption = form("grant_type", "authorization_code", "code", code, "redirect_uri",
				REDIRECT_URI, "client_id", "demo-public", "code_verifier", verifier);
		List<HttpResponseView> responses = this.http.atOnce(10,
				(client) -> client.postForm("/oauth2/token", redemption));

		assertThat(responses).filteredOn((response) -> response.status() == 200).hasSize(1);
		assertThat(responses).filteredOn((response) -> response.status() != 200)
			.allSatisfy((response) -> assertThat(response.error()).isEqualTo("invalid_grant"));
	}

	@Test
	void aRequestWithoutScopeIsGrantedTheClientsScopes() throws Exception {
		String verifier = RefreshTokens.generate();
		String code = authorize("demo-public", null, verifier);

		HttpResponseView tokens = this.http.postForm("/oauth2/token", form("grant_type", "authorization_code", "code",
				code, "redirect_uri", REDIRECT_URI, "client_id", "demo-public", "code_verifier", verifier));

		assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
		assertThat(tokens.field("scope").split(" ")).containsExactlyInAnyOrder("read", "write", "profile", "email");
	}

	@Test
	void aConfidentialClientNeedsPkceToo() {
		HttpResponseView response = this.http.get("/oauth2/authorize?" + ServerHttp.encode(form("response_type",
				"code", "client_id", "demo-client", "redirect_uri", REDIRECT_URI, "scope", "read", "state", "xyz")),
				"Accept", "text/html");

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.header("Location")).startsWith(REDIRECT_URI).contains("error=invalid_request");
	}

	@Test
	void anUnknownClientGetsAPageSayingWhyAndNoRedirect() {
		HttpResponseView response = this.http.get("/oauth2/authorize?" + ServerHttp.encode(form("response_type",
				"code", "client_id", "nobody", "redirect_uri", "http://evil.example/cb", "state", "xyz")),
				"Accept", "text/html");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Location")).isNull();
		assertThat(response.body()).contains("<code>client_id</code> <code>nobody</code> <span>is not registered</span>")
			.doesNotContain("Exception");
	}

	@Test
	void aPublicClientCannotAuthenticateToIntrospectionWithACodeAndItsVerifier() throws Exception {
		String othersToken = this.http.mint("demo-client", "bob", "read").field("access_token");
		String verifier = RefreshTokens.generate();
		String redeemed = authorize("demo-public", "read", verifier);
		assertThat(redeem("demo-public", redeemed, verifier).status()).isEqualTo(200);
		String pendingVerifier = RefreshTokens.generate();
		String pending = authorize("demo-public", "read", pendingVerifier);

		for (String[] code : List.of(new String[] { redeemed, verifier }, new String[] { pending, pendingVerifier })) {
			HttpResponseView response = this.http.postForm("/oauth2/introspect",
					form("client_id", "demo-public", "grant_type", "authorization_code", "code", code[0],
							"code_verifier", code[1], "redirect_uri", REDIRECT_URI, "token", othersToken));

			assertThat(response.status()).as(response.toString()).isEqualTo(401);
			assertThat(response.error()).isEqualTo("invalid_client");
			assertThat(response.body()).doesNotContain("bob");
		}
		assertThat(redeem("demo-public", pending, pendingVerifier).status()).isEqualTo(200);
	}

	@Test
	void aPendingCodeSurvivesAnyNumberOfOtherAuthorizations() throws Exception {
		String verifier = RefreshTokens.generate();
		String pending = authorize("demo-public", "read", verifier);

		ServerHttp busyUser = new ServerHttp(this.port);
		for (int i = 0; i < 150; i++) {
			Browser.authorize(busyUser, "demo-client", "read", RefreshTokens.generate());
		}

		assertThat(redeem("demo-public", pending, verifier).status()).isEqualTo(200);
	}

	@Test
	void aCodeReplayedDaysAndManyAuthorizationsLaterStillRevokesTheFamilyItOpened() throws Exception {
		String verifier = RefreshTokens.generate();
		String code = authorize("demo-public", "read", verifier);
		HttpResponseView tokens = redeem("demo-public", code, verifier);
		assertThat(tokens.status()).isEqualTo(200);
		ServerHttp busyUser = new ServerHttp(this.port);
		for (int i = 0; i < 150; i++) {
			Browser.authorize(busyUser, "demo-client", "read", RefreshTokens.generate());
		}
		this.clock.advance(Duration.ofDays(20));

		HttpResponseView replay = redeem("demo-public", code, verifier);

		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.error()).isEqualTo("invalid_grant");
		assertThat(this.http.introspect(tokens.field("refresh_token")).field("active")).isEqualTo("false");
		assertThat(this.http.postForm("/oauth2/token", form("grant_type", "refresh_token", "refresh_token",
				tokens.field("refresh_token"), "client_id", "demo-public")).error()).isEqualTo("invalid_grant");
	}

	@Test
	void aClientNotRegisteredForRefreshTokensGetsNoneFromTheCodeGrant() throws Exception {
		String verifier = RefreshTokens.generate();
		String code = authorize("code-only-client", "read", verifier);

		HttpResponseView tokens = this.http.postForm("/oauth2/token", form("grant_type", "authorization_code", "code",
				code, "redirect_uri", REDIRECT_URI, "code_verifier", verifier), "Authorization",
				ServerHttp.basic("code-only-client", "code-only-secret"));

		assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
		assertThat(tokens.json().has("refresh_token")).as(tokens.toString()).isFalse();
		assertThat(this.http.introspect(tokens.field("access_token")).field("active")).isEqualTo("true");
		HttpResponseView revoked = this.http.postForm("/oauth2/revoke", form("token", tokens.field("access_token")),
				"Authorization", ServerHttp.basic("code-only-client", "code-only-secret"));
		assertThat(revoked.status()).isEqualTo(200);
		assertThat(this.http.introspect(tokens.field("access_token")).field("active")).isEqualTo("false");
	}

	@Test
	void aLongClientStateIsKeptAndReturned() throws Exception {
		Map<String, String> request = Browser.authorizationRequest("demo-public", "read",
				Browser.challenge(RefreshTokens.generate()));
		request.put("state", "s".repeat(5000));

		HttpResponseView response = Browser.authorizeAndLogIn(this.http, request);

		assertThat(response.header("Location")).startsWith(REDIRECT_URI + "?").contains("code=")
			.contains("state=" + "s".repeat(5000));
	}

	@Test
	void codesAreStoredOnlyAsHashes() throws Exception {
		String redeemedVerifier = RefreshTokens.generate();
		String redeemed = authorize("demo-public", "read", redeemedVerifier);
		assertThat(redeem("demo-public", redeemed, redeemedVerifier).status()).isEqualTo(200);
		String pending = authorize("demo-public", "read", RefreshTokens.generate());

		String dump = String.join("\n",
				new JdbcTemplate(this.dataSource).queryForList("SCRIPT NOPASSWORDS NOSETTINGS", String.class));
		assertThat(dump).contains("INSERT INTO \"PUBLIC\".\"AUTHORIZATION_CODE\"")
			.contains(RefreshTokens.hash(redeemed))
			.contains(RefreshTokens.hash(pending))
			.doesNotContain(redeemed)
			.doesNotContain(pending);
	}

	@ParameterizedTest
	@MethodSource("malformedVerifiers")
	void aCodeVerifierNotOfFortyThreeToOneHundredTwentyEightUnreservedCharactersDoesNotRedeem(String verifier)
			throws Exception {
		String code = authorize("demo-public", "read", verifier);

		HttpResponseView response = redeem("demo-public", code, verifier);

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.error()).isEqualTo("invalid_grant");
	}

	static List<String> malformedVerifiers() {
		return List.of("a", "a".repeat(42), "a".repeat(129), "+/=" + RefreshTokens.generate());
	}

	@Test
	void codeVerifiersOfFortyThreeAndOneHundredTwentyEightCharactersRedeem() throws Exception {
		for (String verifier : List.of("a-._~".repeat(8) + "abc", "Z9".repeat(64))) {
			String code = authorize("demo-public", "read", verifier);

			assertThat(redeem("demo-public", code, verifier).status()).as(verifier).isEqualTo(200);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "abc", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c",
			"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cMM", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw+cM",
			"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-c=" })
	void aCodeChallengeThatIsNotAnS256HashIsRefusedAtTheAuthorizationEndpoint(String challenge) {
		HttpResponseView response = this.http.get("/oauth2/authorize?" + ServerHttp.encode(Browser.authorizationRequest(
				"demo-public", "read", challenge)), "Accept", "text/html");

		assertThat(response.status()).as(response.toString()).isEqualTo(302);
		assertThat(response.header("Location")).startsWith(REDIRECT_URI + "?")
			.contains("error=invalid_request")
			.contains("state=xyz")
			.doesNotContain("code=");
	}

	private HttpResponseView redeem(String publicClientId, String code, String verifier) {
		return this.http.postForm("/oauth2/token", form("grant_type", "authorization_code", "code", code,
				"redirect_uri", REDIRECT_URI, "client_id", publicClientId, "code_verifier", verifier));
	}

	private String authorize(String clientId, String scope, String verifier) throws Exception {
		return Browser.authorize(this.http, clientId, scope, verifier);
	}
}
