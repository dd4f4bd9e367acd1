package dev.refreshserver.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An embedded server keeps its keys in a temporary directory and its database in memory: the
 * working directory (here the checkout) has the same files before and after one starts and
 * serves. The build's own output under target/ is not the extension's and is left out.
 */
class NoFilesInWorkingDirectoryTest {

	@Test
	void startingAndUsingAnEmbeddedServerWritesNothingUnderTheWorkingDirectory() {
		List<String> before = listing();

		RefreshServerExtension server = RefreshServerExtension.builder()
			.client("files-app", "files-secret", "read")
			.property("refresh.signing-algorithm", "ES256")
			.build();
		Grant grant = server.mint("files-app", "alice", "read");
		HttpResponseView refreshed = new ServerHttp(server.issuer().toString(), null).refresh("files-app",
				"files-secret", grant.refreshToken(), null);

		assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
		assertThat(listing()).isEqualTo(before);
	}

	private static List<String> listing() {
		Path root = Path.of("").toAbsolutePath();
		try (Stream<Path> files = Files.walk(root)) {
			return files.map((path) -> root.relativize(path).toString())
				.filter((path) -> !path.equals("target") && !path.startsWith("target/") && !path.startsWith(".git"))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
