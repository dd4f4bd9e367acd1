package dev.refreshserver.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * The built {@code target/refresh-server.jar} run as a user runs it, in a process of its own
 * (integration tests only: the jar exists once {@code mvn verify} has packaged it). Its output
 * goes to {@code server.log} under the state directory.
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
		return start(state, Map.of(), List.of(switches));
	}

	/** As {@link #start(Path, String...)}, with these environment variables set for the server. */
	public static JarServer start(Path state, Map<String, String> environment, List<String> switches)
			throws IOException, InterruptedException {
		return startNamed(state, "server", environment, switches);
	}

	/**
	 * As {@link #start(Path, String...)}, with the output in {@code name.log}: several instances can
	 * share one state directory (and so one keys directory).
	 */
	public static JarServer startNamed(Path state, String name, String... switches)
			throws IOException, InterruptedException {
		return startNamed(state, name, Map.of(), List.of(switches));
	}

	private static JarServer startNamed(Path state, String name, Map<String, String> environment,
			List<String> switches) throws IOException, InterruptedException {
		List<String> args = new ArrayList<>(List.of("--refresh.data-dir=" + state.resolve("data"),
				"--refresh.keys-dir=" + state.resolve("keys"), "--refresh.admin.token=" + ServerHttp.ADMIN_TOKEN));
		args.addAll(switches);
		return launch(state, state.resolve(name + ".log"), freePort(), environment, args);
	}

	/**
	 * Starts the jar as a user starts it from a checkout: in {@code workingDirectory} (so
	 * {@code ./data}, {@code ./keys} and {@code ./config} resolve there), on {@code port}, with
	 * exactly {@code switches}.
	 */
	public static JarServer startIn(Path workingDirectory, int port, List<String> switches)
			throws IOException, InterruptedException {
		return launch(workingDirectory, workingDirectory.resolve("server.log"), port, Map.of(), switches);
	}

	private static JarServer launch(Path workingDirectory, Path log, int port, Map<String, String> environment,
			List<String> switches) throws IOException, InterruptedException {
		if (!Files.isRegularFile(JAR)) {
			throw new IllegalStateException(JAR + " is missing: integration tests run after `mvn package`");
		}
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx512m", "-jar", JAR.toAbsolutePath().toString(), "--server.port=" + port));
		command.addAll(switches);
		ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		builder.environment().putAll(environment);
		Process process = builder.start();
		ServerHttp http = switches.contains("--refresh.tls.enabled=true")
				? new ServerHttp("https://localhost:" + port, anyCertificate()) : new ServerHttp(port);
		JarServer server = new JarServer(process, http);
		server.awaitHealthy(Duration.ofSeconds(180));
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

	/** For the health check of a server whose dev certificate does not exist before it starts. */
	private static SSLContext anyCertificate() {
		X509TrustManager trustAll = new X509TrustManager() {
			@Override
			public void checkClientTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public void checkServerTrusted(X509Certificate[] chain, String authType) {
			}

			@Override
			public X509Certificate[] getAcceptedIssuers() {
				return new X509Certificate[0];
			}
		};
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { trustAll }, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}
}
