package dev.refreshserver.web;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.RunningServer;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without {@code --refresh.admin.token} the pages tell nothing about the configuration and the
 * dev pages do not exist: {@code /} has no client, user or profile detail, {@code /playground}
 * and the admin-token form are 404 like any unknown path, the login page lists no user.
 */
class DevPagesWithoutAdminTokenTest {

	@TempDir
	static Path state;

	private static RunningServer server;

	@BeforeAll
	static void start() {
		server = RunningServer.start(state, "--refresh.admin.token=");
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void theHomePageShowsTheIssuerAndLinksButNoClientUserOrProfile() {
		HttpResponseView home = http().get("/", "Accept", "text/html");

		assertThat(home.status()).isEqualTo(200);
		assertThat(home.body()).contains("Issuer").contains("/.well-known/openid-configuration")
			.contains("/oauth2/jwks")
			.doesNotContain("demo-client")
			.doesNotContain("demo-public")
			.doesNotContain("alice")
			.doesNotContain("Profile")
			.doesNotContain("curl")
			.doesNotContain("/playground");
	}

	@Test
	void thePlaygroundIsNotFoundLikeAnyUnknownPath() {
		for (String path : new String[] { "/playground", "/dev/sign-in" }) {
			HttpResponseView json = http().get(path);
			HttpResponseView page = http().get(path, "Accept", "text/html");

			assertThat(json.status()).as(path).isEqualTo(404);
			assertThat(json.error()).isEqualTo("not_found");
			assertThat(page.status()).as(path).isEqualTo(404);
			assertThat(page.body()).contains("There is nothing at this address");
		}
		assertThat(http().postForm("/playground/mint", ServerHttp.form("client_id", "demo-client", "subject", "x"))
			.status()).isEqualTo(404);
	}

	@Test
	void anAdminCookieForgedFromAGuessedTokenOpensNothing() {
		HttpResponseView playground = http().get("/playground", "Cookie", AdminGate.COOKIE + "=anything");

		assertThat(playground.status()).isEqualTo(404);
	}

	@Test
	void theLoginPageListsNoUser() {
		HttpResponseView login = http().get("/login", "Accept", "text/html");

		assertThat(login.status()).isEqualTo(200);
		assertThat(login.body()).contains("name=\"username\"").doesNotContain("alice");
	}

	private static ServerHttp http() {
		return server.http();
	}
}
