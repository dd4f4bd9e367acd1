package dev.refreshserver.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.RunningServer;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/** Observation exists only with the control plane: without the admin token nothing is recorded. */
class ObservationSwitchTest {

	@TempDir
	Path state;

	@Test
	void withoutTheAdminTokenTokenRequestsAreNotObservedAndThereIsNoReport() throws IOException {
		Files.createDirectories(this.state);
		try (RunningServer server = RunningServer.start(this.state, "--refresh.admin.token=")) {
			HttpResponseView issued = server.http().postForm("/oauth2/token",
					ServerHttp.form("grant_type", "client_credentials", "scope", "read"), "Authorization",
					ServerHttp.basic("demo-client", "demo-secret"));
			assertThat(issued.status()).isEqualTo(200);
			assertThat(server.bean(ObservationLog.class).clients()).isEmpty();
			assertThat(server.bean(ConformanceReports.class).report("demo-client").observedRequests()).isZero();
			assertThat(server.http().get("/admin/conformance/demo-client", "Authorization", Reports.ADMIN).status())
				.isEqualTo(404);
		}
	}

	@Test
	void withTheAdminTokenTheSameRequestIsObserved() throws IOException {
		try (RunningServer server = RunningServer.start(this.state)) {
			server.http().postForm("/oauth2/token", ServerHttp.form("grant_type", "client_credentials", "scope", "read"),
					"Authorization", ServerHttp.basic("demo-client", "demo-secret"));
			assertThat(server.bean(ObservationLog.class).clients()).containsExactly("demo-client");
			assertThat(Reports.report(server.http(), "demo-client").get("observed_requests").asInt()).isEqualTo(1);
		}
	}
}
