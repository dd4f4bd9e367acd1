package dev.refreshserver.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.refreshserver.admin.ServerClock;

/**
 * Base of the HTTP tests: one server on a random port, with its H2 files and keys in a fresh
 * temporary directory, the test clients of {@code test-clients.yml}, the admin API on and
 * brute-force lockouts out of reach.
 * All subclasses share the one running server (Spring caches the context).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.additional-location=classpath:test-clients.yml",
				"refresh.admin.token=" + ServerHttp.ADMIN_TOKEN,
				// every test class sends its wrong secrets from 127.0.0.1; lockouts are BruteForceTest's
				"refresh.brute-force.max-failures=1000000" })
public abstract class ServerTest {

	protected static final Path STATE = createState();

	@LocalServerPort
	protected int port;

	@Autowired
	protected ServerClock clock;

	protected ServerHttp http;

	@DynamicPropertySource
	static void stateDirectories(DynamicPropertyRegistry registry) {
		registry.add("refresh.data-dir", () -> STATE.resolve("data").toString());
		registry.add("refresh.keys-dir", () -> STATE.resolve("keys").toString());
	}

	@BeforeEach
	void connect() {
		this.http = new ServerHttp(this.port);
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	private static Path createState() {
		try {
			return Files.createTempDirectory("refresh-server-test");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
