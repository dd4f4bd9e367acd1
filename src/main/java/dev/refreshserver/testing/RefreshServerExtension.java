package dev.refreshserver.testing;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;

import dev.refreshserver.admin.Scenarios;
import dev.refreshserver.admin.ServerClock;
import dev.refreshserver.conformance.ConformanceReports;

/**
 * Refresh Server inside a client project's JUnit 5 tests: the whole server, in process, on a
 * random loopback port, with an in-memory database and an ephemeral signing key, and the control
 * plane of {@code /admin} (mint, clock, scenarios, conformance report) as methods.
 *
 * <pre>{@code
 * @RegisterExtension
 * static RefreshServerExtension server = RefreshServerExtension.builder()
 *     .client("my-app", "my-secret", "read", "write")
 *     .build();
 * }</pre>
 *
 * One server per configuration per JVM: every extension built with the same settings, in any
 * test class, shares it (started on first use, stopped when the JVM exits). Clock, scenarios
 * and observations carry over between tests unless {@link #reset()} is called, or the builder's
 * {@link Builder#resetBeforeEachTest()} is set.
 */
public final class RefreshServerExtension implements BeforeAllCallback, BeforeEachCallback {

	private final EmbeddedConfiguration configuration;

	private final boolean resetBeforeEachTest;

	private volatile EmbeddedServer server;

	private RefreshServerExtension(EmbeddedConfiguration configuration, boolean resetBeforeEachTest) {
		this.configuration = configuration;
		this.resetBeforeEachTest = resetBeforeEachTest;
	}

	public static Builder builder() {
		return new Builder();
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		server();
	}

	@Override
	public void beforeEach(ExtensionContext context) {
		if (this.resetBeforeEachTest) {
			reset();
		}
	}

	/** The issuer, {@code http://127.0.0.1:PORT}: the server starts here if no test started it yet. */
	public URI issuer() {
		return server().issuer();
	}

	/** Where clients send token requests, e.g. {@code http://127.0.0.1:PORT/oauth2/token}. */
	public URI tokenEndpoint() {
		return endpoint(server().bean(AuthorizationServerSettings.class).getTokenEndpoint());
	}

	/** The JWK set that verifies the access tokens. */
	public URI jwksUri() {
		return endpoint(server().bean(AuthorizationServerSettings.class).getJwkSetEndpoint());
	}

	/**
	 * A grant of {@code clientId} for {@code subject}, as a completed authorization code flow
	 * gives it: minted by the admin API ({@code POST /admin/grants}), observed like one.
	 * @param scope space-separated; null or blank for every scope of the client
	 * @throws IllegalArgumentException with the server's error for an unknown client, one without
	 * the refresh_token grant, or a scope the client does not have
	 */
	public Grant mint(String clientId, String subject, String scope) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("client_id", clientId);
		form.put("subject", subject);
		if (scope != null && !scope.isBlank()) {
			form.put("scope", scope);
		}
		EmbeddedServer.AdminAnswer answer = server().postAdmin("/admin/grants", form);
		if (answer.status() != 200) {
			throw new IllegalArgumentException("Cannot mint a grant of '" + clientId + "': " + answer.text("error")
					+ " (" + answer.text("error_description") + ")");
		}
		// a profile may send expires_in as a string (webmethods): the number either way
		return new Grant(answer.text("access_token"), answer.text("refresh_token"),
				Long.parseLong(answer.text("expires_in")));
	}

	/** The server's clock, which every expiry decision reads: {@code advance}, {@code set}, {@code reset}. */
	public ServerClock clock() {
		return server().bean(ServerClock.class);
	}

	/** The queue of scripted responses to refresh requests. */
	public ScenarioQueue scenarios() {
		return new ScenarioQueue(server().bean(Scenarios.class), server().bean(RegisteredClientRepository.class));
	}

	/**
	 * How {@code clientId} behaved at the token endpoint since the last {@link #reset()}: the
	 * conformance checks of {@code /admin/conformance}, graded on the requests observed.
	 */
	public ConformanceReport conformance(String clientId) {
		return new ConformanceReport(server().bean(ConformanceReports.class).report(clientId));
	}

	/**
	 * Clock back to the system's time, no queued scenario, no observation of any client. Grants
	 * and tokens stay as they are.
	 */
	public void reset() {
		clock().reset();
		server().bean(Scenarios.class).clear();
		ConformanceReports reports = server().bean(ConformanceReports.class);
		reports.observedClients().forEach(reports::reset);
	}

	private URI endpoint(String path) {
		return issuer().resolve(path);
	}

	private EmbeddedServer server() {
		EmbeddedServer started = this.server;
		if (started == null) {
			started = EmbeddedServer.obtain(this.configuration);
			this.server = started;
		}
		return started;
	}

	/** Settings of the embedded server; equal settings share one server in a JVM. */
	public static final class Builder {

		private String profile = "standard";

		private final List<EmbeddedConfiguration.ClientSpec> clients = new ArrayList<>();

		private String adminToken;

		private final Map<String, String> properties = new LinkedHashMap<>();

		private boolean resetBeforeEachTest;

		private Builder() {
		}

		/** A profile of the server's configuration ({@code standard}, {@code webex}, ...); default standard. */
		public Builder profile(String profile) {
			this.profile = profile;
			return this;
		}

		/**
		 * A confidential client (client_secret_basic and client_secret_post) with the refresh_token
		 * and client_credentials grants. The clients given here replace the dev clients of the
		 * server's configuration ({@code demo-client}, {@code demo-public}), which exist only when
		 * the builder names no client.
		 */
		public Builder client(String clientId, String secret, String... scopes) {
			this.clients.add(new EmbeddedConfiguration.ClientSpec(clientId, secret, List.of(scopes), List.of()));
			return this;
		}

		/** A public client (no secret, PKCE) of the authorization code flow with this redirect URI. */
		public Builder publicClient(String clientId, String redirectUri, String... scopes) {
			this.clients.add(new EmbeddedConfiguration.ClientSpec(clientId, null, List.of(scopes), List.of(redirectUri)));
			return this;
		}

		/**
		 * Lets the code under test use {@code /admin} on the server's port with this token (e.g. a
		 * client that drives the control plane over HTTP). By default {@code /admin} takes only a
		 * random token that never leaves the extension.
		 */
		public Builder exposeAdmin(String token) {
			if (token == null || token.isBlank()) {
				throw new IllegalArgumentException("The admin token cannot be blank");
			}
			this.adminToken = token;
			return this;
		}

		/** Any other setting of the server, e.g. {@code refresh.signing-algorithm=ES256}. */
		public Builder property(String name, String value) {
			this.properties.put(name, value);
			return this;
		}

		/** Calls {@link RefreshServerExtension#reset()} before every test. */
		public Builder resetBeforeEachTest() {
			this.resetBeforeEachTest = true;
			return this;
		}

		public RefreshServerExtension build() {
			return new RefreshServerExtension(
					new EmbeddedConfiguration(this.profile, this.clients, this.adminToken, this.properties),
					this.resetBeforeEachTest);
		}
	}
}
