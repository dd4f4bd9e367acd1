package dev.refreshserver.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The built {@code target/refresh-server.jar} run as a user runs it, in a process of its own
 * (integration tests only: the jar exists once {@code mvn verify} has packaged it). Its output
 * goes to {@code server.log} (or the name given) under the state directory.
 */
public final class JarServer implements AutoCloseable {

	private static final Path JAR = Path.of("target", "refresh-server.jar");

	private final Process process;

	private final ServerHttp http;

	private JarServer(Process process, ServerHttp http) {
		this.process = process;
		this.http = http;
	}

	/** Starts the jar on a free port with its data and keys under {@code state} and the admin API on. */
	public static JarServer start(Path state, String... switches) throws IOException, InterruptedException {
		return startNamed(state, "server", switches);
	}

	/**
	 * As {@link #start(Path, String...)}, with the output in {@code name.log}: several instances can
	 * share one state directory (and so one keys directory).
	 */
	public static JarServer startNamed(Path state, String name, String... switches)
			throws IOException, InterruptedException {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR + " is missing: integration tests run after `mvn package`");
		}
		int port = freePort();
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-jar", JAR.toString(), "--server.port=" + port,
				"--refresh.data-dir=" + state.resolve("data"), "--refresh.keys-dir=" + state.resolve("keys"),
				"--refresh.admin.token=" + ServerHttp.ADMIN_TOKEN));
		command.addAll(List.of(switches));
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(state.resolve(name + ".log").toFile()))
			.start();
		JarServer server = new JarServer(process, new ServerHttp(port));
		server.awaitHealthy(Duration.ofSeconds(90));
		return server;
	}

	public ServerHttp http() {
		return this.http;
	}

	/** SIGKILL: the process gets no chance to flush or shut down. */
	public void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor();
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroy();
			this.process.waitFor();
		}
	}

	private void awaitHealthy(Duration timeout) throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The server exited with " + this.process.exitValue());
			}
			try {
				if (this.http.get("/actuator/health").status() == 200) {
					return;
				}
			}
			catch (RuntimeException notYet) {
				// not listening yet
			}
			Thread.sleep(200);
		}
		this.process.destroyForcibly();
		throw new IllegalStateException("The server did not become healthy within " + timeout);
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
