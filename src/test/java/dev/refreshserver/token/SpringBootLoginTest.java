package dev.refreshserver.token;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import example.relyingparty.RelyingPartyApplication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot application whose only knowledge of this server is its issuer URI logs a user in
 * with {@code oauth2Login()} in headless Chromium, greets them by the name in the ID token, and
 * refreshes its access token through {@code OAuth2AuthorizedClientManager} when it is due (its
 * client's access tokens live 30 s, inside Spring Security's one-minute skew).
 */
class SpringBootLoginTest extends ServerTest {

	private ConfigurableApplicationContext relyingParty;

	private String appBase;

	private WebDriver browser;

	private Path profile;

	@BeforeEach
	void startApplicationAndBrowser() throws IOException {
		this.relyingParty = new SpringApplicationBuilder(RelyingPartyApplication.class).properties(
				"spring.config.name=" + RelyingPartyApplication.CONFIG_NAME, "server.port=0", "server.address=127.0.0.1",
				"spring.application.name=relying-party",
				"spring.security.oauth2.client.provider.local.issuer-uri=" + this.http.base(),
				"spring.security.oauth2.client.registration.local.client-id=spring-app",
				"spring.security.oauth2.client.registration.local.client-secret=spring-app-secret",
				"spring.security.oauth2.client.registration.local.scope=openid,profile,email")
			.run();
		this.appBase = "http://127.0.0.1:"
				+ ((WebServerApplicationContext) this.relyingParty).getWebServer().getPort();
		this.profile = Files.createTempDirectory("chromium-profile");
		System.setProperty("webdriver.chrome.driver", "/usr/bin/chromedriver");
		ChromeOptions options = new ChromeOptions().setBinary("/usr/bin/chromium")
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--user-data-dir=" + this.profile);
		this.browser = new ChromeDriver(
				new ChromeDriverService.Builder().usingDriverExecutable(new File("/usr/bin/chromedriver")).build(),
				options);
	}

	@AfterEach
	void stop() {
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.relyingParty != null) {
			this.relyingParty.close();
		}
		FileSystemUtils.deleteRecursively(this.profile.toFile());
	}

	@Test
	void aSpringBootAppLogsInWithOnlyTheIssuerUriAndRefreshesItsAccessToken() {
		this.browser.get(this.appBase + "/");
		WebDriverWait wait = new WebDriverWait(this.browser, Duration.ofSeconds(30));
		wait.until((driver) -> driver.getCurrentUrl().startsWith(this.http.base() + "/login"));
		this.browser.findElement(By.name("username")).sendKeys("alice");
		this.browser.findElement(By.name("password")).sendKeys("alice-password");
		this.browser.findElement(By.name("password")).submit();

		wait.until((driver) -> driver.getCurrentUrl().startsWith(this.appBase));
		assertThat(pageText()).isEqualTo("Hello, Alice Example (alice)");

		String atLogin = tokenOf("/stored-token");
		String refreshed = tokenOf("/access-token");
		assertThat(refreshed).as("refreshed: the token was due").isNotEqualTo(atLogin);
		assertThat(tokenOf("/stored-token")).isEqualTo(refreshed);
		HttpResponseView introspected = this.http.introspect(refreshed);
		assertThat(introspected.field("active")).isEqualTo("true");
		assertThat(introspected.field("sub")).isEqualTo("alice");
		assertThat(introspected.field("client_id")).isEqualTo("spring-app");
	}

	private String tokenOf(String path) {
		this.browser.get(this.appBase + path);
		return JsonMapper.builder().build().readTree(pageText()).get("access_token").asString();
	}

	private String pageText() {
		return this.browser.findElement(By.tagName("body")).getText();
	}
}
