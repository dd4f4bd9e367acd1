package dev.refreshserver.web;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.RunningServer;
import dev.refreshserver.support.ServerHttp;

import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Under TLS the admin-token cookie is Secure as well as HttpOnly and SameSite=Strict, and the
 * playground reaches the server's own endpoints over HTTPS (trusting the server's certificate).
 */
class DevPagesOverTlsTest {

	@TempDir
	static Path state;

	private static RunningServer server;

	@BeforeAll
	static void start() {
		server = RunningServer.start(state, "--refresh.tls.enabled=true");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void theAdminCookieIsSecureAndThePlaygroundMintsOverHttps() {
		ServerHttp browser = server.http();
		HttpResponseView asked = browser.get("/playground", "Accept", "text/html");
		assertThat(asked.status()).isEqualTo(401);
		assertThat(asked.body()).contains("Enter the admin token");

		HttpResponseView admitted = browser.postForm("/dev/sign-in",
				form("token", ServerHttp.ADMIN_TOKEN, "next", "/playground", "_csrf", csrfOf(asked)));

		assertThat(admitted.status()).isEqualTo(302);
		assertThat(admitted.header("Set-Cookie")).startsWith(AdminGate.COOKIE + "=")
			.contains("Secure")
			.contains("HttpOnly")
			.contains("SameSite=Strict")
			.doesNotContain(ServerHttp.ADMIN_TOKEN);
		HttpResponseView playground = browser.get("/playground", "Accept", "text/html");
		assertThat(playground.status()).isEqualTo(200);

		HttpResponseView minted = browser.postForm("/playground/mint",
				form("client_id", "demo-client", "subject", "carol", "scope", "read", "_csrf", csrfOf(playground)));

		assertThat(minted.status()).isEqualTo(302);
		assertThat(browser.get("/playground", "Accept", "text/html").body()).contains("Minted a grant: RT 1")
			.contains("For carol through demo-client, scope read.");
	}

	@Test
	void aPlaygroundFormWithoutItsCsrfTokenIsRefused() {
		HttpResponseView refused = server.http().postForm("/playground/clock", form("move", "day"));

		assertThat(refused.status()).isEqualTo(403);
		assertThat(server.clock().offset().isZero()).isTrue();
	}

	private static String csrfOf(HttpResponseView page) {
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
		assertThat(csrf.find()).as(page.body()).isTrue();
		return csrf.group(1);
	}
}
