package dev.refreshserver.operations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.refreshserver.support.RunningServer;

import static org.assertj.core.api.Assertions.assertThat;

/** What a start tells the operator, and what it leaves on disk. */
@ExtendWith(OutputCaptureExtension.class)
class StartupTest {

	@TempDir
	Path state;

	@Test
	void defaultStartLogsOneSummaryLineAndNoWarning(CapturedOutput output) throws Exception {
		try (RunningServer server = RunningServer.start(this.state, "--refresh.admin.token=")) {
			List<String> summary = output.getOut().lines().filter((line) -> line.contains("Refresh Server on port")).toList();
			assertThat(summary).hasSize(1);
			assertThat(summary.get(0)).contains(" INFO ", "(http)", "profile standard", "issuer from each request",
					"store H2 " + this.state.resolve("data").toAbsolutePath() + "/refresh.mv.db", "signing key ",
					"(RS256)", "admin API off");
			assertThat(output.getOut().lines().filter((line) -> line.contains(" WARN ") || line.contains(" ERROR ")))
				.isEmpty();
		}
	}

	@Test
	void adminModeIsAWarning(CapturedOutput output) throws Exception {
		try (RunningServer server = RunningServer.start(this.state, "--refresh.issuer=https://issuer.example")) {
			assertThat(output.getOut()).contains("issuer https://issuer.example", "admin API enabled");
			assertThat(output.getOut().lines().filter((line) -> line.contains(" WARN ")))
				.singleElement().asString().contains("/admin is ENABLED");
		}
	}

	@Test
	void dataAndKeyFilesAreReadableByTheOwnerOnly() throws Exception {
		try (RunningServer server = RunningServer.start(this.state)) {
			server.http().mintRefreshToken("demo-client", "read");
			for (String directory : List.of("data", "keys")) {
				Path dir = this.state.resolve(directory);
				assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).as(directory)
					.isEqualTo("rwx------");
				try (Stream<Path> files = Files.list(dir)) {
					List<Path> all = files.toList();
					assertThat(all).isNotEmpty();
					for (Path file : all) {
						assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
							.isEqualTo("rw-------");
					}
				}
			}
		}
	}

	@Test
	void aPasswordInTheStoreUrlIsNotLogged() {
		assertThat(StartupReport.store("jdbc:postgresql://db:5432/refresh?user=rs&password=s3cret&ssl=true"))
			.isEqualTo("jdbc:postgresql://db:5432/refresh?user=rs&password=***&ssl=true");
		assertThat(StartupReport.store("jdbc:postgresql://rs:s3cret@db/refresh")).doesNotContain("s3cret");
	}
}
