package dev.refreshserver.support;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;

/**
 * A test of pages on the shared dev-mode server in headless Chromium: one browser per test
 * class, and the few ways every such test reads a page.
 */
public abstract class BrowserTest extends ServerTest {

	protected static HeadlessChrome browser;

	@BeforeAll
	static void startBrowser() {
		browser = HeadlessChrome.start();
	}

	@AfterAll
	static void stopBrowser() {
		browser.close();
	}

	/** The visible text of the page. */
	protected String text() {
		return browser.driver().findElement(By.tagName("body")).getText();
	}

	protected String url(String path) {
		return "http://localhost:" + this.port + path;
	}
}
