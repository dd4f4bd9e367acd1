package dev.refreshserver.web;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.BrowserTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /conformance} in headless Chromium: a person enters the admin token once, reads the
 * failing check of a client that replayed a rotated refresh token, and resets its observation.
 */
class ConformancePageBrowserTest extends BrowserTest {

	@Test
	void aPersonSeesTheFailingCheckOfAClientThatReplayedItsFirstToken() {
		// the server (and its observations) is shared with other test classes: start afresh
		assertThat(this.http.send(HttpRequest.newBuilder(URI.create(url("/admin/conformance/demo-client")))
			.DELETE(), "Authorization", "Bearer " + ServerHttp.ADMIN_TOKEN).status()).isEqualTo(204);
		String first = this.http.mintRefreshToken("demo-client", "read");
		assertThat(this.http.refresh(first).status()).isEqualTo(200);
		assertThat(this.http.refresh(first).error()).isEqualTo("invalid_grant");

		browser.open(url("/conformance"));
		assertThat(text()).contains("Enter the admin token").doesNotContain("demo-client");
		browser.driver().findElement(By.id("token")).sendKeys(ServerHttp.ADMIN_TOKEN);
		browser.clickAndWait(By.cssSelector("form button[type=submit]"));

		assertThat(browser.driver().getCurrentUrl()).isEqualTo(url("/conformance"));
		WebElement report = browser.driver().findElement(By.id("client-demo-client"));
		assertThat(checkIds(report, "fail")).containsExactly("newest-token-only");
		assertThat(checkIds(report, "pass")).contains("post-form-encoded", "no-credentials-in-query");
		assertThat(report.findElement(By.cssSelector(".check--fail")).getText()).contains("How to fix")
			.contains("successor");
		assertThat(text()).doesNotContain(first).doesNotContain("demo-secret").doesNotContain(ServerHttp.ADMIN_TOKEN);
		browser.screenshot("conformance");
		browser.assertAccessible();
		browser.windowSize(390, 844);
		browser.screenshot("conformance-phone");
		browser.windowSize(1280, 900);

		browser.clickAndWait(By.cssSelector("#client-demo-client .report-head button"));

		assertThat(browser.driver().findElements(By.id("client-demo-client"))).isEmpty();
		assertThat(browser.driver().findElement(By.id("quiet-clients")).getText()).contains("demo-client");
	}

	private static List<String> checkIds(WebElement report, String verdict) {
		return report.findElements(By.cssSelector(".check--" + verdict + " .check-id")).stream()
			.map(WebElement::getText)
			.toList();
	}
}
