package dev.refreshserver.web;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import com.nimbusds.jwt.JWTParser;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

import dev.refreshserver.refresh.RefreshTokens;
import dev.refreshserver.support.Browser;
import dev.refreshserver.support.HeadlessChrome;
import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.IdTokenChecks;
import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.ServerTest;

import static dev.refreshserver.support.Browser.REDIRECT_URI;
import static dev.refreshserver.support.ServerHttp.basic;
import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Dev mode's login as anyone, in headless Chromium: a browser that has shown the admin token logs
 * in with a subject and claims typed on the login page, and they are in the ID token of the code
 * grant, in userinfo and in the refreshed ID token.
 */
class LoginAsAnyoneTest extends ServerTest {

	/** A fresh browser (no session, no admin-token cookie) for each test. */
	private HeadlessChrome browser;

	@BeforeEach
	void startBrowser() {
		this.browser = HeadlessChrome.start();
	}

	@AfterEach
	void stopBrowser() {
		this.browser.close();
	}

	@Test
	void aTypedSubjectAndClaimsReachTheIdTokenUserInfoAndTheRefreshedIdToken() throws Exception {
		String verifier = RefreshTokens.generate();
		Map<String, String> request = Browser.authorizationRequest("demo-client", "openid profile email",
				Browser.challenge(verifier));
		request.put("nonce", "n-42");
		this.browser.open(this.http.base() + "/oauth2/authorize?" + ServerHttp.encode(request));
		assertThat(text()).contains("show the admin token").doesNotContain("Subject (sub)");
		showAdminToken();
		this.browser.driver().findElement(By.id("subject")).sendKeys("bob-builder");
		this.browser.driver().findElement(By.id("claims"))
			.sendKeys("{\"name\": \"Bob Builder\", \"email\": \"bob@example.com\", \"groups\": [\"admins\"]}");
		this.browser.screenshot("login-as-anyone");
		this.browser.assertAccessible();
		this.browser.driver().findElement(By.cssSelector("#dev-login-form button")).click();
		new WebDriverWait(this.browser.driver(), Duration.ofSeconds(30))
			.until((driver) -> driver.getCurrentUrl().startsWith(REDIRECT_URI));
		String code = Browser.queryOf(URI.create(this.browser.driver().getCurrentUrl())).get("code");

		HttpResponseView tokens = this.http.postForm("/oauth2/token", form("grant_type", "authorization_code", "code",
				code, "redirect_uri", REDIRECT_URI, "code_verifier", verifier), "Authorization",
				basic("demo-client", "demo-secret"));
		assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
		IDTokenClaimsSet idToken = validator().validate(JWTParser.parse(tokens.field("id_token")), new Nonce("n-42"));
		assertThat(idToken.getSubject().getValue()).isEqualTo("bob-builder");
		assertThat(idToken.getStringClaim("name")).isEqualTo("Bob Builder");
		assertThat(idToken.getStringClaim("email")).isEqualTo("bob@example.com");
		assertThat(idToken.getStringListClaim("groups")).containsExactly("admins");

		JsonNode userInfo = this.http.get("/userinfo", "Authorization", "Bearer " + tokens.field("access_token"))
			.json();
		assertThat(userInfo.get("sub").asString()).isEqualTo("bob-builder");
		assertThat(userInfo.get("name").asString()).isEqualTo("Bob Builder");
		assertThat(userInfo.get("groups").toString()).isEqualTo("[\"admins\"]");

		HttpResponseView refreshed = this.http.refresh(tokens.field("refresh_token"));
		IDTokenClaimsSet renewed = validator().validate(JWTParser.parse(refreshed.field("id_token")), null);
		assertThat(renewed.getSubject()).isEqualTo(idToken.getSubject());
		assertThat(renewed.getStringClaim("name")).isEqualTo("Bob Builder");
		assertThat(renewed.getAuthenticationTime()).isEqualTo(idToken.getAuthenticationTime());
	}

	@Test
	void claimsThatAreNoJsonObjectOrDescribeTheTokenAreRefusedOnThePage() {
		this.browser.open(this.http.base() + "/login");
		showAdminToken();
		for (String[] bad : new String[][] { { "{not json", "must be a JSON object" },
				{ "[\"a\"]", "must be a JSON object" }, { "{\"sub\": \"admin\"}", "'sub' describes the token" } }) {
			this.browser.driver().findElement(By.id("subject")).sendKeys("mallory");
			this.browser.driver().findElement(By.id("claims")).clear();
			this.browser.driver().findElement(By.id("claims")).sendKeys(bad[0]);
			this.browser.clickAndWait(By.cssSelector("#dev-login-form button"));
			assertThat(text()).contains(bad[1]);
			assertThat(this.browser.driver().findElement(By.id("subject")).getAttribute("value")).isEqualTo("mallory");
			this.browser.driver().findElement(By.id("subject")).clear();
		}
		this.browser.screenshot("login-as-anyone-refused");
		this.browser.assertAccessible();
	}

	/** Follows the login page's link to the admin-token form and comes back to the login page. */
	private void showAdminToken() {
		this.browser.clickAndWait(By.linkText("show the admin token"));
		this.browser.driver().findElement(By.id("token")).sendKeys(ServerHttp.ADMIN_TOKEN);
		this.browser.clickAndWait(By.cssSelector("form button[type=submit]"));
		assertThat(this.browser.driver().getCurrentUrl()).startsWith(this.http.base() + "/login");
	}

	private String text() {
		return this.browser.driver().findElement(By.tagName("body")).getText();
	}

	private IDTokenValidator validator() {
		return IdTokenChecks.validator(this.http, "demo-client");
	}
}
