package dev.refreshserver;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/** State survives a restart on the same data and keys directories. */
class RestartTest {

	@TempDir
	Path state;

	@Test
	void refreshTokenIssuedBeforeRestartWorksAfterIt() throws Exception {
		String refreshToken;
		String kid;
		try (ConfigurableApplicationContext first = start()) {
			ServerHttp http = http(first);
			refreshToken = http.mintRefreshToken("demo-client", "read write");
			refreshToken = http.refresh(refreshToken).field("refresh_token");
			kid = http.get("/oauth2/jwks").json().get("keys").get(0).get("kid").asString();
		}
		assertThat(Files.exists(this.state.resolve("data").resolve("refresh.mv.db"))).isTrue();

		try (ConfigurableApplicationContext second = start()) {
			ServerHttp http = http(second);
			HttpResponseView refreshed = http.refresh(refreshToken);
			assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
			assertThat(http.get("/oauth2/jwks").json().get("keys").get(0).get("kid").asString()).isEqualTo(kid);
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(RefreshServerApplication.class).run("--server.port=0",
				"--refresh.data-dir=" + this.state.resolve("data"), "--refresh.keys-dir=" + this.state.resolve("keys"),
				"--refresh.admin.token=" + ServerHttp.ADMIN_TOKEN);
	}

	private static ServerHttp http(ConfigurableApplicationContext context) {
		return new ServerHttp(((WebServerApplicationContext) context).getWebServer().getPort());
	}
}
