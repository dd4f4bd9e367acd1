package dev.refreshserver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.refreshserver.refresh.RefreshTokens;
import dev.refreshserver.support.Browser;
import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.RunningServer;
import dev.refreshserver.support.ServerHttp;

import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/** State survives a restart on the same data and keys directories. */
class RestartTest {

	@TempDir
	Path state;

	@Test
	void refreshTokenIssuedBeforeRestartWorksAfterIt() throws Exception {
		String refreshToken;
		String kid;
		try (RunningServer first = RunningServer.start(this.state)) {
			ServerHttp http = first.http();
			refreshToken = http.mintRefreshToken("demo-client", "read write");
			refreshToken = http.refresh(refreshToken).field("refresh_token");
			kid = http.get("/oauth2/jwks").json().get("keys").get(0).get("kid").asString();
		}
		assertThat(Files.exists(this.state.resolve("data").resolve("refresh.mv.db"))).isTrue();

		try (RunningServer second = RunningServer.start(this.state)) {
			ServerHttp http = second.http();
			HttpResponseView refreshed = http.refresh(refreshToken);
			assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
			assertThat(http.get("/oauth2/jwks").json().get("keys").get(0).get("kid").asString()).isEqualTo(kid);
		}
	}

	@Test
	void aCodeIssuedBeforeRestartRedeemsAfterItOnce() throws Exception {
		String verifier = RefreshTokens.generate();
		String code;
		try (RunningServer first = RunningServer.start(this.state)) {
			code = Browser.authorize(first.http(), "demo-public", "read", verifier);
		}
		Map<String, String> redemption = form("grant_type", "authorization_code", "code", code, "redirect_uri",
				Browser.REDIRECT_URI, "client_id", "demo-public", "code_verifier", verifier);

		try (RunningServer second = RunningServer.start(this.state)) {
			HttpResponseView tokens = second.http().postForm("/oauth2/token", redemption);
			assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
			assertThat(second.http().postForm("/oauth2/token", redemption).error()).isEqualTo("invalid_grant");
			assertThat(second.http().introspect(tokens.field("refresh_token")).field("active")).isEqualTo("false");
		}
	}

	@Test
	void aClientTakenOutOfConfigurationIsGoneAfterRestart() throws Exception {
		String testClients = "--spring.config.additional-location=classpath:test-clients.yml";
		try (RunningServer first = RunningServer.start(this.state, testClients)) {
			HttpResponseView refreshed = first.http()
				.refresh("other-client", "other-secret", first.http().mintRefreshToken("other-client", "read"), null);
			assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
		}

		try (RunningServer second = RunningServer.start(this.state)) {
			HttpResponseView refused = second.http().refresh("other-client", "other-secret", "any-token", null);
			assertThat(refused.status()).isEqualTo(401);
			assertThat(refused.error()).isEqualTo("invalid_client");
			assertThat(second.http().mint("other-client", "bob", "read").status()).isEqualTo(400);
		}
	}
}
