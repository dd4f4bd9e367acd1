package dev.refreshserver.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import dev.refreshserver.admin.ServerClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the tests of one provider profile: starts the server with
 * {@code --refresh.profile=NAME} (one switch, no code) in a fresh directory, and talks to it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ProfileServerTest {

	protected Path state;

	protected ServerHttp http;

	protected ServerClock clock;

	private RunningServer server;

	/** The value of {@code --refresh.profile}. */
	protected abstract String profile();

	/** Further switches, e.g. {@code --refresh.tls.enabled=true}. */
	protected List<String> switches() {
		return List.of();
	}

	@BeforeAll
	void startServer() throws Exception {
		this.state = Files.createTempDirectory("refresh-server-profile");
		List<String> args = new ArrayList<>(List.of("--refresh.profile=" + profile(),
				"--spring.config.additional-location=classpath:test-clients.yml"));
		args.addAll(switches());
		this.server = RunningServer.start(this.state, args);
		this.http = this.server.http();
		this.clock = this.server.clock();
	}

	@AfterEach
	void resetClock() {
		this.clock.reset();
	}

	@AfterAll
	void stopServer() {
		this.server.close();
	}

	/** The response has exactly these fields, each a JSON string or number as given. */
	protected static void assertFields(HttpResponseView response, Map<String, Class<?>> expected) {
		JsonNode json = response.json();
		List<String> names = new ArrayList<>();
		for (Iterator<String> it = json.propertyNames().iterator(); it.hasNext();) {
			names.add(it.next());
		}
		assertThat(names).as(response.toString()).containsExactlyInAnyOrderElementsOf(expected.keySet());
		expected.forEach((name, type) -> assertThat(type == String.class ? json.get(name).isString()
				: json.get(name).isNumber()).as("%s is a %s in %s", name, type.getSimpleName(), response).isTrue());
	}
}
