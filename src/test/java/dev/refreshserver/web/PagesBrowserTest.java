package dev.refreshserver.web;

import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.BrowserTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages in headless Chromium, on a server in dev mode: each is opened, saved as a screenshot
 * under {@code target/screenshots/} (laptop and phone widths) and checked with axe-core for
 * serious and critical violations.
 */
class PagesBrowserTest extends BrowserTest {

	@BeforeEach
	void freshBrowserSession() {
		browser.open(url("/"));
		browser.driver().manage().deleteAllCookies();
	}

	@Test
	void theHomePageShowsTheConfigurationOnlyAfterTheAdminTokenIsGiven() {
		browser.open(url("/"));
		assertThat(text()).contains("Issuer").contains("/oauth2/jwks").doesNotContain("demo-client")
			.doesNotContain("alice")
			.doesNotContain("curl");
		assertThat(browser.driver().findElements(By.id("profile"))).isEmpty();
		browser.screenshot("home-before-admin-token");
		browser.assertAccessible();

		signInWithAdminToken("/");

		assertThat(browser.driver().getCurrentUrl()).isEqualTo(url("/"));
		assertThat(browser.driver().findElement(By.id("profile")).getText()).contains("standard")
			.contains("Access tokens live 10 minutes");
		assertThat(texts(By.cssSelector(".client h3 code"))).contains("demo-client", "demo-public");
		assertThat(texts(By.cssSelector("#users li"))).containsExactly("alice");
		assertThat(text()).contains("curl -s " + url("/oauth2/token")).doesNotContain("demo-secret")
			.doesNotContain(ServerHttp.ADMIN_TOKEN);
		browser.screenshot("home");
		browser.assertAccessible();
		browser.windowSize(390, 844);
		browser.screenshot("home-phone");
		browser.windowSize(1280, 900);
	}

	@Test
	void aWrongAdminTokenIsRefusedOnAnAccessiblePage() {
		browser.open(url("/dev/sign-in"));
		browser.type(By.id("token"), "not-the-token");
		browser.clickAndWait(By.cssSelector("form button[type=submit]"));

		assertThat(text()).contains("That is not the admin token");
		browser.screenshot("admin-token-wrong");
		browser.assertAccessible();
	}

	@Test
	void theLoginPageListsTheDevUsersAndOneClickFillsTheForm() {
		browser.open(url("/login"));
		browser.screenshot("login");
		browser.assertAccessible();

		browser.driver().findElement(By.cssSelector("button.dev-user")).click();

		assertThat(browser.driver().findElement(By.id("username")).getDomProperty("value")).isEqualTo("alice");
		assertThat(browser.driver().findElement(By.id("password")).getDomProperty("value")).isEqualTo("alice-password");
		browser.clickAndWait(By.cssSelector("#login-form button"));
		assertThat(browser.driver().getCurrentUrl()).doesNotContain("error");
		browser.windowSize(390, 844);
		browser.open(url("/login"));
		browser.screenshot("login-phone");
		browser.windowSize(1280, 900);
	}

	@Test
	void theConsentPageListsTheRequestedScopesWithTheirMeaning() {
		browser.open(url("/oauth2/authorize?response_type=code&client_id=consent-client&scope=read%20write&state=xyz"
				+ "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fcallback"
				+ "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256"));
		browser.driver().findElement(By.cssSelector("button.dev-user")).click();
		browser.clickAndWait(By.cssSelector("#login-form button"));

		assertThat(browser.driver().getCurrentUrl()).contains(ConsentController.PATH);
		assertThat(texts(By.cssSelector(".scope label"))).containsExactly("read\nRead your data.",
				"write\nChange your data.");
		browser.screenshot("consent");
		browser.assertAccessible();
		browser.driver().findElement(By.id("scope-write")).click();
		browser.clickAndWait(By.id("allow"));
		assertThat(browser.driver().getCurrentUrl()).startsWith("http://127.0.0.1:8080/callback?code=");
	}

	@Test
	void anUnknownPathGetsAnAccessiblePageInTheSameLook() {
		browser.open(url("/no-such-page"));

		assertThat(browser.driver().findElement(By.tagName("h1")).getText()).isEqualTo("There is nothing at this address");
		assertThat(browser.driver().findElement(By.className("site-issuer")).getText()).contains(url(""));
		browser.screenshot("not-found");
		browser.assertAccessible();
	}

	@Test
	void anUnknownClientGetsAnAccessiblePageNamingIt() {
		browser.open(url("/oauth2/authorize?response_type=code&client_id=nope&redirect_uri=http%3A%2F%2Fx.example%2Fcb"
				+ "&state=xyz"));

		assertThat(browser.driver().findElement(By.id("refusal-reason")).getText())
			.isEqualTo("client_id nope is not registered.");
		browser.screenshot("authorization-refused-unknown-client");
		browser.assertAccessible();
	}

	@Test
	void thePlaygroundShowsTwoRotationsTheReuseAndTheRevokedFamily() {
		browser.open(url("/playground"));
		assertThat(text()).contains("Enter the admin token");
		signInWithAdminToken("/playground");
		browser.assertAccessible();

		mint("demo-client", "alice");
		assertThat(states()).containsExactly("active");
		browser.clickAndWait(By.id("refresh-button"));
		browser.clickAndWait(By.id("refresh-button"));
		assertThat(states()).containsExactly("rotated", "rotated", "active");
		browser.clickAndWait(By.cssSelector("tr[data-number='1'] .replay-button"));

		assertThat(states()).containsExactly("rotated", "rotated", "revoked");
		assertThat(kinds()).containsExactly("mint", "rotation", "rotation", "reuse", "family-revoked");
		assertThat(browser.driver().findElement(By.id("timeline")).getText()).contains("Rotated RT 1 \u2192 RT 2")
			.contains("Rotated RT 2 \u2192 RT 3")
			.contains("Reuse detected: RT 1 had already been rotated")
			.contains("Family revoked after the reuse");
		assertThat(browser.driver().findElement(By.id("family-dead")).getText()).contains("dead");
		assertThat(browser.driver().findElement(By.id("access-token")).getText()).contains("\"sub\" : \"alice\"")
			.contains("at+jwt");
		assertThat(text()).doesNotContain("demo-secret").doesNotContain(ServerHttp.ADMIN_TOKEN);
		browser.screenshot("playground");
		browser.assertAccessible();
		browser.windowSize(390, 844);
		browser.screenshot("playground-phone");
		browser.windowSize(1280, 900);
	}

	@Test
	void inThePlaygroundARevokedFamilyAndAnIdleExpiryShowOnTheTimeline() {
		signInWithAdminToken("/playground");
		mint("demo-public", "bob");
		browser.clickAndWait(By.id("revoke-button"));

		assertThat(states()).containsExactly("revoked");
		assertThat(kinds()).containsExactly("mint", "revoke", "family-revoked");
		assertThat(browser.driver().findElement(By.id("timeline")).getText()).contains("Family revoked by the client");

		mint("demo-public", "bob");
		browser.clickAndWait(By.cssSelector("button[value='idle']"));
		browser.clickAndWait(By.id("refresh-button"));

		assertThat(states()).containsExactly("inactive");
		assertThat(kinds()).containsExactly("mint", "clock", "refused", "family-ended");
		assertThat(browser.driver().findElement(By.id("timeline")).getText())
			.contains("Clock moved forward 30 days 1 minute")
			.contains("RT 1 refused: invalid_grant");
	}

	@Test
	void thePlaygroundMovesTheServerClock() {
		signInWithAdminToken("/playground");

		browser.clickAndWait(By.cssSelector("button[value='day']"));

		assertThat(browser.driver().findElement(By.id("clock-offset")).getText()).startsWith("1 day");
		assertThat(this.clock.offset().toHours()).isEqualTo(24);
		browser.clickAndWait(By.cssSelector("button[value='reset']"));
		assertThat(this.clock.offset().isZero()).isTrue();
	}

	private void mint(String clientId, String subject) {
		new Select(browser.driver().findElement(By.id("client"))).selectByValue(clientId);
		browser.type(By.id("subject"), subject);
		browser.type(By.id("scope"), "read");
		browser.clickAndWait(By.cssSelector("#mint-form button"));
	}

	private void signInWithAdminToken(String page) {
		browser.open(url("/dev/sign-in?next=" + page));
		browser.type(By.id("token"), ServerHttp.ADMIN_TOKEN);
		browser.clickAndWait(By.cssSelector("form button[type=submit]"));
	}

	private List<String> states() {
		return browser.driver().findElements(By.cssSelector("#tokens tbody tr")).stream()
			.map((row) -> row.getDomAttribute("data-state")).toList();
	}

	private List<String> kinds() {
		return browser.driver().findElements(By.cssSelector("#timeline > li")).stream()
			.map((item) -> item.getDomAttribute("data-kind")).toList();
	}

	private List<String> texts(By selector) {
		return browser.driver().findElements(selector).stream().map(WebElement::getText).toList();
	}
}
