package dev.refreshserver.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sample client project of {@code src/test/resources/consumer}, which depends on nothing but
 * the library jar (test scope) and JUnit, built and tested with Maven as its developers would:
 * its test mints, refreshes with Basic, replays, jumps the clock past the idle TTL and asserts the
 * conformance report, all through RefreshServerExtension.
 *
 * <p>Offline: the jar and POM this build made are installed into a fresh local repository, and
 * every other artifact comes from this build's own local repository (as a file:// mirror, which
 * Maven may read offline). Maven's output goes to {@code target/consumer-project.log}.
 */
class ConsumerProjectIT {

	private static final Path LOG = Path.of("target", "consumer-project.log");

	@TempDir
	Path work;

	@Test
	void aClientProjectDependingOnlyOnTheLibraryRunsItsRefreshTestsThroughTheExtension() throws Exception {
		Path repository = this.work.resolve("repository");
		Path settings = Files.writeString(this.work.resolve("settings.xml"), """
				<settings>
				  <localRepository>%s</localRepository>
				  <mirrors>
				    <mirror>
				      <id>build-repository</id>
				      <mirrorOf>*</mirrorOf>
				      <url>%s</url>
				    </mirror>
				  </mirrors>
				</settings>
				""".formatted(repository, Path.of(property("consumer.build-repository")).toUri()));
		Path project = copy(Path.of("src/test/resources/consumer"), this.work.resolve("project"));
		Files.deleteIfExists(LOG);

		int installed = maven(this.work, settings,
				"org.apache.maven.plugins:maven-install-plugin:" + property("consumer.install-plugin-version")
						+ ":install-file",
				"-Dfile=" + property("consumer.library-jar"), "-DpomFile=" + property("consumer.library-pom"));
		assertThat(installed).as("install-file, see " + LOG).isZero();

		int tested = maven(project, settings, "test",
				"-Drefresh-server.version=" + property("consumer.refresh-server-version"),
				"-Djunit.version=" + property("consumer.junit-version"),
				"-Dcompiler-plugin.version=" + property("consumer.compiler-plugin-version"),
				"-Dresources-plugin.version=" + property("consumer.resources-plugin-version"),
				"-Dsurefire-plugin.version=" + property("consumer.surefire-plugin-version"));

		String output = Files.readString(LOG);
		assertThat(tested).as("the client project's build, see " + LOG).isZero();
		assertThat(output).contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0");
		assertThat(repository.resolve("dev/refreshserver/refresh-server/" + property("consumer.refresh-server-version")))
			.isDirectory();
	}

	/** {@code mvn -B -o} in {@code directory}, appending to the log; the exit code. */
	private static int maven(Path directory, Path settings, String... arguments)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("mvn", "-B", "-o", "-s", settings.toString(),
				// offline, Maven may still read file:// repositories: the build's own local repository
				"-Daether.offline.protocols=file"));
		command.addAll(List.of(arguments));
		Process process = new ProcessBuilder(command).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(LOG.toAbsolutePath().toFile()))
			.start();
		if (!process.waitFor(15, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException("mvn " + arguments[0] + " did not finish within 15 minutes");
		}
		return process.exitValue();
	}

	private static String property(String name) {
		String value = System.getProperty(name);
		if (value == null || value.isBlank()) {
			throw new IllegalStateException(name + " is not set: run this test through Maven (mvn verify)");
		}
		return value;
	}

	private static Path copy(Path source, Path target) {
		try (Stream<Path> paths = Files.walk(source)) {
			for (Path path : (Iterable<Path>) paths.sorted(Comparator.naturalOrder())::iterator) {
				Path copy = target.resolve(source.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(copy);
				}
				else {
					Files.copy(path, copy);
				}
			}
			return target;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
