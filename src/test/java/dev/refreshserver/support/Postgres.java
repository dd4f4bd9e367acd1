package dev.refreshserver.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.util.FileSystemUtils;

/**
 * One real PostgreSQL server for the whole test JVM, started on first use from the PostgreSQL
 * server binaries on this machine (Debian's {@code postgresql} package, or any other install whose
 * {@code initdb} is found), with its data in a temporary directory, and stopped when the JVM exits.
 * Each caller gets a database of its own.
 *
 * <p>PostgreSQL refuses to run as root; when the tests do (as in CI), the server runs as the
 * {@code postgres} user the package creates (else {@code nobody}), through {@code setpriv}. If no
 * server can be started the tests that need one fail: they are never skipped.
 */
public final class Postgres {

	/** Where to look for {@code initdb} and {@code postgres}, besides {@code PG_BIN} and the PATH. */
	private static final Path DEBIAN_VERSIONS = Path.of("/usr/lib/postgresql");

	public static final String USER = "postgres";

	private static final AtomicInteger DATABASES = new AtomicInteger();

	private static Postgres server;

	private final int port;

	private final Process process;

	private final Path data;

	private Postgres(int port, Process process, Path data) {
		this.port = port;
		this.process = process;
		this.data = data;
	}

	/** A new, empty database on the shared server; returns its JDBC URL (user {@link #USER}, no password). */
	public static String freshDatabase() {
		String name = "refresh_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
		Postgres postgres = shared();
		try (Connection admin = DriverManager.getConnection(postgres.url("postgres"), USER, "");
				Statement statement = admin.createStatement()) {
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot create database " + name, ex);
		}
		return postgres.url(name);
	}

	/** The datasource switches that point a server at {@code url}. */
	public static List<String> switches(String url) {
		return List.of("--spring.datasource.url=" + url, "--spring.datasource.username=" + USER,
				"--spring.datasource.password=");
	}

	/** Points a {@code @SpringBootTest} context at a fresh database. */
	public static void register(DynamicPropertyRegistry registry) {
		String url = freshDatabase();
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> USER);
		registry.add("spring.datasource.password", () -> "");
	}

	private String url(String database) {
		return "jdbc:postgresql://localhost:" + this.port + "/" + database;
	}

	private static synchronized Postgres shared() {
		if (server == null) {
			try {
				server = start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot start PostgreSQL for the tests", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "postgres-stop"));
		}
		return server;
	}

	private static Postgres start() throws IOException, InterruptedException {
		Path bin = binaries();
		Path data = Files.createTempDirectory("refresh-server-postgres");
		List<String> asOwner = runAsOwner(data);
		run(command(asOwner, bin.resolve("initdb").toString(), "-D", data.toString(), "-U", USER, "-A", "trust",
				"-E", "UTF8", "--locale=C", "--no-sync"), data);
		int port = freePort();
		// No fsync: the tests kill our server, never PostgreSQL or the machine. No Unix socket: only TCP.
		Process process = new ProcessBuilder(command(asOwner, bin.resolve("postgres").toString(), "-D", data.toString(),
				"-p", Integer.toString(port), "-c", "listen_addresses=localhost", "-c", "unix_socket_directories=",
				"-c", "fsync=off", "-c", "full_page_writes=off", "-c", "max_connections=500",
				// counts the statements a refresh sends (RefreshGrantOnPostgresTest)
				"-c", "shared_preload_libraries=pg_stat_statements"))
			.directory(data.toFile())
			.redirectErrorStream(true)
			.redirectOutput(data.resolve("postgres.log").toFile())
			.start();
		Postgres postgres = new Postgres(port, process, data);
		postgres.awaitReady(Duration.ofSeconds(60));
		return postgres;
	}

	private void awaitReady(Duration timeout) throws InterruptedException, IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		SQLException last = null;
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IOException("PostgreSQL exited with " + this.process.exitValue() + ":\n" + log());
			}
			try (Connection connection = DriverManager.getConnection(url("postgres"), USER, "")) {
				return;
			}
			catch (SQLException notYet) {
				last = notYet;
			}
			Thread.sleep(100);
		}
		stop();
		throw new IOException("PostgreSQL did not accept connections within " + timeout + ":\n" + log(), last);
	}

	/** A fast shutdown (SIGINT), then the data is deleted. */
	private void stop() {
		try {
			new ProcessBuilder("kill", "-INT", Long.toString(this.process.pid())).start().waitFor();
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor();
			}
			FileSystemUtils.deleteRecursively(this.data);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private String log() throws IOException {
		Path log = this.data.resolve("postgres.log");
		return Files.exists(log) ? Files.readString(log) : "";
	}

	/** {@code PG_BIN}, else the newest {@code /usr/lib/postgresql/N/bin}, else where {@code initdb} is on the PATH. */
	private static Path binaries() throws IOException {
		List<Path> candidates = new ArrayList<>();
		String configured = System.getenv("PG_BIN");
		if (configured != null && !configured.isBlank()) {
			candidates.add(Path.of(configured));
		}
		if (Files.isDirectory(DEBIAN_VERSIONS)) {
			try (Stream<Path> versions = Files.list(DEBIAN_VERSIONS)) {
				versions.map((version) -> version.resolve("bin"))
					.sorted(Comparator.comparing((Path path) -> versionOf(path)).reversed())
					.forEach(candidates::add);
			}
		}
		for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
			Path initdb = Path.of(directory, "initdb");
			if (Files.isExecutable(initdb)) {
				candidates.add(initdb.toRealPath().getParent());
			}
		}
		return candidates.stream()
			.filter((bin) -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("postgres")))
			.findFirst()
			.orElseThrow(() -> new IOException("No PostgreSQL server binaries (initdb, postgres) found in PG_BIN, "
					+ DEBIAN_VERSIONS + "/*/bin or the PATH: install PostgreSQL (apt-get install -y postgresql)"));
	}

	private static int versionOf(Path bin) {
		try {
			return Integer.parseInt(bin.getParent().getFileName().toString());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	/**
	 * As root, hands {@code data} to an unprivileged user and returns the prefix that runs a command
	 * as that user; otherwise nothing to prefix.
	 */
	private static List<String> runAsOwner(Path data) throws IOException, InterruptedException {
		if (!"0".equals(output("id", "-u"))) {
			return List.of();
		}
		String user = userExists(USER) ? USER : "nobody";
		String uid = output("id", "-u", user);
		String gid = output("id", "-g", user);
		run(List.of("chown", uid + ":" + gid, data.toString()), data);
		return List.of("setpriv", "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--");
	}

	private static boolean userExists(String user) throws IOException, InterruptedException {
		return new ProcessBuilder("id", "-u", user).start().waitFor() == 0;
	}

	private static List<String> command(List<String> prefix, String... command) {
		List<String> all = new ArrayList<>(prefix);
		all.addAll(List.of(command));
		return all;
	}

	private static void run(List<String> command, Path directory) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (process.waitFor() != 0) {
			throw new IOException(String.join(" ", command) + " failed:\n" + output);
		}
	}

	private static String output(String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		if (process.waitFor() != 0) {
			throw new IOException(String.join(" ", command) + " failed: " + output);
		}
		return output;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
