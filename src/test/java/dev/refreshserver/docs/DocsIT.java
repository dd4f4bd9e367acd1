package dev.refreshserver.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.refreshserver.support.JarServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Docs that cannot go stale: every block of a page marked {@code <!-- doc-test: SWITCHES -->}
 * runs with bash against the built jar, started as the page says (from a fresh directory, so
 * {@code ./data} and {@code ./keys} are new, with {@code target/refresh-server.jar} in reach),
 * and each command's output must have the shape the page shows under it. Consecutive blocks
 * with the same switches share one server and one shell; other switches restart the server.
 */
class DocsIT {

	@TempDir
	Path directory;

	@ParameterizedTest
	@ValueSource(strings = { "README.md", "docs/operations.md", "docs/profiles.md", "docs/testing-your-client.md",
			"docs/openid-connect.md" })
	void everyRunnableBlockOfThePageWorksAsWritten(String page) throws Exception {
		// -Ddoc-test.page=README.md runs one page only
		Assumptions.assumeTrue(System.getProperty("doc-test.page", page).equals(page));
		List<DocBlocks.Block> blocks = DocBlocks.parse(Files.readString(Path.of(page)));
		assertThat(blocks).as("%s has runnable blocks", page).isNotEmpty();
		assertThat(blocks.stream().flatMap((block) -> block.steps().stream()).filter((step) -> step.expected() != null))
			.as("%s shows the output of its commands", page).isNotEmpty();
		Path jar = Files.createDirectories(this.directory.resolve("target")).resolve("refresh-server.jar");
		Files.createSymbolicLink(jar, Path.of("target/refresh-server.jar").toAbsolutePath());
		try {
			assertThat(run(page, blocks)).as("server log: %s", this.directory.resolve("server.log")).isEmpty();
		}
		finally {
			Files.delete(jar);
		}
	}

	private List<String> run(String page, List<DocBlocks.Block> blocks) throws Exception {
		List<String> problems = new ArrayList<>();
		int i = 0;
		while (i < blocks.size() && problems.isEmpty()) {
			String switches = blocks.get(i).switches();
			List<DocBlocks.Block> group = new ArrayList<>();
			while (i < blocks.size() && blocks.get(i).switches().equals(switches)) {
				group.add(blocks.get(i++));
			}
			int port = JarServer.freePort();
			List<String> args = switches.isEmpty() ? List.of() : Arrays.asList(switches.split("\\s+"));
			try (JarServer server = JarServer.startIn(this.directory, port, args)) {
				problems.addAll(DocScript.run(page, group, this.directory, port));
			}
		}
		return problems;
	}
}
