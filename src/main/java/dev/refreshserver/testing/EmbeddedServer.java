package dev.refreshserver.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.AbstractEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.refreshserver.RefreshServerApplication;
import dev.refreshserver.refresh.RefreshTokens;

/**
 * The whole server (the same application context {@code java -jar} starts) running inside the
 * test JVM. Servers are cached by configuration: every extension built with an equal
 * configuration gets the one server, started on first use and stopped when the JVM exits.
 */
final class EmbeddedServer {

	private static final Log logger = LogFactory.getLog(EmbeddedServer.class);

	private static final Map<EmbeddedConfiguration, EmbeddedServer> running = new HashMap<>();

	private static final int START_ATTEMPTS = 3;

	private static boolean shutdownHookAdded;

	private final ConfigurableApplicationContext context;

	private final Path state;

	private final URI issuer;

	private final String adminToken;

	private final HttpClient http = HttpClient.newHttpClient();

	private EmbeddedServer(ConfigurableApplicationContext context, Path state, String adminToken) {
		this.context = context;
		this.state = state;
		this.adminToken = adminToken;
		this.issuer = URI.create(EmbeddedConfiguration.issuer(((WebServerApplicationContext) context).getWebServer().getPort()));
	}

	/** The server of this configuration, started now when this JVM has none yet. */
	static synchronized EmbeddedServer obtain(EmbeddedConfiguration configuration) {
		EmbeddedServer server = running.get(configuration);
		if (server == null) {
			server = start(configuration);
			running.put(configuration, server);
			if (!shutdownHookAdded) {
				Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedServer::stopAll, "refresh-server-embedded-stop"));
				shutdownHookAdded = true;
			}
		}
		return server;
	}

	private static EmbeddedServer start(EmbeddedConfiguration configuration) {
		long started = System.nanoTime();
		Path state;
		try {
			state = Files.createTempDirectory("refresh-server-embedded-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot create the embedded server's temporary directory", ex);
		}
		String adminToken = (configuration.adminToken() != null) ? configuration.adminToken()
				: RefreshTokens.randomId(32);
		ConfigurableApplicationContext context = null;
		try {
			for (int attempt = 1; context == null; attempt++) {
				context = startOnFreePort(configuration, state, adminToken, attempt == START_ATTEMPTS);
			}
		}
		catch (RuntimeException ex) {
			delete(state);
			throw ex;
		}
		EmbeddedServer server = new EmbeddedServer(context, state, adminToken);
		logger.info("Embedded Refresh Server on " + server.issuer + " (profile " + configuration.profile()
				+ ") started in " + (System.nanoTime() - started) / 1_000_000 + " ms");
		return server;
	}

	/**
	 * The issuer names the port, so the port is chosen before the start: a free one, which another
	 * process may take meanwhile; then the start fails and is tried again on another.
	 * @return the started context, or null when the port was taken and this is not the last attempt
	 */
	private static ConfigurableApplicationContext startOnFreePort(EmbeddedConfiguration configuration, Path state,
			String adminToken, boolean lastAttempt) {
		int port = freePort();
		IsolatedEnvironment environment = new IsolatedEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("refreshServerEmbedded",
					configuration.springProperties(state, port, adminToken)));
		try {
			return new SpringApplicationBuilder(RefreshServerApplication.class).environment(environment).run();
		}
		catch (RuntimeException ex) {
			if (lastAttempt || !portInUse(ex)) {
				throw ex;
			}
			logger.info("Port " + port + " was taken before the embedded server bound it; trying another");
			return null;
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free loopback port for the embedded server", ex);
		}
	}

	private static boolean portInUse(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof PortInUseException || cause instanceof BindException) {
				return true;
			}
		}
		return false;
	}

	URI issuer() {
		return this.issuer;
	}

	<T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	/**
	 * A form POST to the control plane ({@code /admin/...}) with the admin token, over loopback:
	 * the request the admin API documents, answered by the same controller.
	 * @return the status and the JSON body
	 */
	AdminAnswer postAdmin(String path, Map<String, String> form) {
		StringJoiner body = new StringJoiner("&");
		form.forEach((name, value) -> body.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
				+ URLEncoder.encode(value, StandardCharsets.UTF_8)));
		HttpRequest request = HttpRequest.newBuilder(this.issuer.resolve(path))
			.header("Authorization", "Bearer " + this.adminToken)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body.toString()))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			return new AdminAnswer(response.statusCode(), bean(JsonMapper.class).readTree(response.body()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("POST " + path + " to the embedded server failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while calling the embedded server", ex);
		}
	}

	/** What the admin API answered. */
	record AdminAnswer(int status, JsonNode body) {

		String text(String field) {
			JsonNode value = this.body.get(field);
			return (value == null || value.isNull()) ? null : value.asString();
		}
	}

	private static synchronized void stopAll() {
		running.values().forEach(EmbeddedServer::stop);
		running.clear();
	}

	private void stop() {
		String database = this.context.getEnvironment().getProperty("spring.datasource.url");
		this.context.close();
		// the in-memory database outlives the context otherwise (DB_CLOSE_DELAY=-1)
		try (Connection connection = DriverManager.getConnection(database, "sa", "");
				Statement statement = connection.createStatement()) {
			statement.execute("SHUTDOWN");
		}
		catch (SQLException ex) {
			logger.debug("The embedded server's database was already gone: " + ex.getMessage());
		}
		delete(this.state);
	}

	private static void delete(Path directory) {
		try (Stream<Path> paths = Files.walk(directory)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a temporary directory; the system cleans it up eventually
		}
	}

	/**
	 * An environment without the JVM's system properties and environment variables: the client
	 * project's own settings ({@code SPRING_DATASOURCE_URL}, {@code -Dserver.port}, ...) are meant
	 * for its application, not for the server embedded in its tests.
	 */
	private static final class IsolatedEnvironment extends AbstractEnvironment {

		@Override
		protected void customizePropertySources(MutablePropertySources propertySources) {
			// none: only what EmbeddedConfiguration gives and the packaged defaults
		}
	}
}
