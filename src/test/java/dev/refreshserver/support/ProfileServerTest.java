package dev.refreshserver.support;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.refreshserver.RefreshServerApplication;
import dev.refreshserver.admin.ServerClock;
import dev.refreshserver.keys.TlsCertificate;

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

	private ConfigurableApplicationContext server;

	/** The value of {@code --refresh.profile}. */
	protected abstract String profile();

	/** Further switches, e.g. {@code --refresh.tls.enabled=true}. */
	protected List<String> switches() {
		return List.of();
	}

	@BeforeAll
	void startServer() throws Exception {
		this.state = Files.createTempDirectory("refresh-server-profile");
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--refresh.profile=" + profile(),
				"--refresh.data-dir=" + this.state.resolve("data"), "--refresh.keys-dir=" + this.state.resolve("keys"),
				"--refresh.admin.token=" + ServerHttp.ADMIN_TOKEN,
				"--spring.config.additional-location=classpath:test-clients.yml"));
		args.addAll(switches());
		this.server = new SpringApplicationBuilder(RefreshServerApplication.class).run(args.toArray(String[]::new));
		int port = ((WebServerApplicationContext) this.server).getWebServer().getPort();
		boolean tls = args.contains("--refresh.tls.enabled=true");
		this.http = tls ? new ServerHttp("https://localhost:" + port, trustServerCertificate())
				: new ServerHttp(port);
		this.clock = this.server.getBean(ServerClock.class);
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

	private SSLContext trustServerCertificate() throws Exception {
		KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
		trust.load(null, null);
		try (InputStream certificate = Files.newInputStream(
				this.state.resolve("keys").resolve(TlsCertificate.CERTIFICATE_FILE))) {
			trust.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(certificate));
		}
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(trust);
		SSLContext context = SSLContext.getInstance("TLS");
		context.init(null, factory.getTrustManagers(), null);
		return context;
	}

}
