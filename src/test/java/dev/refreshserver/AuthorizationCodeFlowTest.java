package dev.refreshserver;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.refreshserver.refresh.RefreshTokens;
import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.ServerTest;

import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/** The real authorization code + PKCE flow through the login page, then refreshing its grant. */
class AuthorizationCodeFlowTest extends ServerTest {

	private static final String REDIRECT_URI = "http://127.0.0.1:8080/callback";

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
		assertThat(tokens.field("scope").split(" ")).containsExactlyInAnyOrder("read", "write", "profile");
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
		assertThat(response.body()).contains("redirect_uri").doesNotContain("Exception");
	}

	/** Walks the browser part: authorize, log in as the dev user, follow back to the code. */
	private String authorize(String clientId, String scope, String verifier) throws Exception {
		String challenge = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
		Map<String, String> parameters = form("response_type", "code", "client_id", clientId, "redirect_uri",
				REDIRECT_URI, "state", "xyz", "code_challenge", challenge, "code_challenge_method", "S256");
		if (scope != null) {
			parameters.put("scope", scope);
		}
		String authorize = "/oauth2/authorize?" + ServerHttp.encode(parameters);

		HttpResponseView toLogin = this.http.get(authorize, "Accept", "text/html");
		assertThat(toLogin.status()).as(toLogin.toString()).isEqualTo(302);
		assertThat(toLogin.header("Location")).endsWith("/login");
		HttpResponseView loginPage = this.http.get("/login", "Accept", "text/html");
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage.body());
		assertThat(csrf.find()).as(loginPage.body()).isTrue();

		HttpResponseView loggedIn = this.http.postForm("/login",
				form("username", "alice", "password", "alice-password", "_csrf", csrf.group(1)), "Accept",
				"text/html");
		assertThat(loggedIn.status()).isEqualTo(302);
		HttpResponseView backToClient = this.http.get(loggedIn.header("Location"), "Accept", "text/html");
		assertThat(backToClient.status()).as(backToClient.toString()).isEqualTo(302);
		URI callback = URI.create(backToClient.header("Location"));
		assertThat(callback.toString()).startsWith(REDIRECT_URI);
		Map<String, String> query = new LinkedHashMap<>();
		for (String pair : callback.getRawQuery().split("&")) {
			String[] parts = pair.split("=", 2);
			query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
		}
		assertThat(query.get("state")).isEqualTo("xyz");
		return query.get("code");
	}
}
