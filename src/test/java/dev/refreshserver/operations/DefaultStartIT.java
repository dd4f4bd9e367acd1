package dev.refreshserver.operations;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.refreshserver.support.JarServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built jar started as a newcomer starts it, with no switch at all, from an empty
 * directory: one line says what it runs with, nothing is logged as a warning, and the files it
 * creates are its user's only.
 */
class DefaultStartIT {

	@TempDir
	Path directory;

	@Test
	void aDefaultStartLogsItsSummaryNoWarningAndKeepsItsFilesPrivate() throws Exception {
		try (JarServer server = JarServer.startIn(this.directory, JarServer.freePort(), List.of())) {
			assertThat(server.http().get("/oauth2/jwks").status()).isEqualTo(200);
		}
		List<String> log = Files.readAllLines(this.directory.resolve("server.log"));
		assertThat(log).filteredOn((line) -> line.contains("Refresh Server on port"))
			.singleElement()
			.asString()
			.contains(" INFO ", "(http)", "profile standard", "issuer from each request",
					"store H2 " + this.directory.toRealPath().resolve("data/refresh.mv.db"), "(RS256)", "admin API off");
		assertThat(log).filteredOn((line) -> line.contains(" WARN ") || line.contains(" ERROR ")).isEmpty();
		for (String state : List.of("data", "keys")) {
			assertThat(mode(this.directory.resolve(state))).as(state).isEqualTo("rwx------");
			try (Stream<Path> files = Files.list(this.directory.resolve(state))) {
				assertThat(files.toList()).isNotEmpty().allSatisfy((file) -> assertThat(mode(file)).as(file.toString())
					.isEqualTo("rw-------"));
			}
		}
	}

	private static String mode(Path path) {
		try {
			return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}
}
