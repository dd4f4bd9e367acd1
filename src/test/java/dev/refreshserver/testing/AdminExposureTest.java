package dev.refreshserver.testing;

import org.junit.jupiter.api.Test;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The extension drives the control plane without handing /admin to anyone: only
 * {@code exposeAdmin(token)} lets the code under test in.
 */
class AdminExposureTest {

	@Test
	void adminRefusesEveryTokenButTheExtensionsOwnUnlessExposed() {
		RefreshServerExtension server = SharedServer.builder().build();
		ServerHttp http = new ServerHttp(server.issuer().toString(), null);

		assertThat(http.get("/admin/clock").status()).isEqualTo(401);
		assertThat(http.get("/admin/clock", "Authorization", "Bearer " + ServerHttp.ADMIN_TOKEN).status())
			.isEqualTo(401);
		assertThat(server.mint("shared-app", "alice", "read").refreshToken()).isNotBlank();
	}

	@Test
	void exposeAdminLetsTheCodeUnderTestUseTheControlPlaneWithThatToken() {
		RefreshServerExtension server = SharedServer.builder().exposeAdmin("client-under-test").build();
		ServerHttp http = new ServerHttp(server.issuer().toString(), null);

		HttpResponseView clock = http.get("/admin/clock", "Authorization", "Bearer client-under-test");

		assertThat(clock.status()).isEqualTo(200);
		assertThat(clock.field("offset")).isEqualTo("PT0S");
	}
}
