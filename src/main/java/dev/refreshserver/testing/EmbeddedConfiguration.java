package dev.refreshserver.testing;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.refreshserver.config.ServerConfigLocations;

/**
 * What an embedded server is started with; equal configurations share one server in a JVM, so
 * this is the key of {@link EmbeddedServer}'s cache (records compare by value).
 *
 * @param adminToken the token that opens {@code /admin} to the code under test, or null for a random
 * one that only the extension holds
 * @param properties further Spring properties, applied last
 */
record EmbeddedConfiguration(String profile, List<ClientSpec> clients, String adminToken,
		Map<String, String> properties) {

	EmbeddedConfiguration {
		clients = List.copyOf(clients);
		properties = Map.copyOf(properties);
	}

	/**
	 * The properties of the embedded server: the packaged defaults only (no {@code config/} of the
	 * working directory), loopback on {@code port}, a private in-memory database, keys and any
	 * other state under {@code state}, a temporary directory of its own. The issuer is fixed to
	 * {@code http://127.0.0.1:port}: grants minted outside any request need one, and every token
	 * then names the same issuer whichever host name a client uses.
	 */
	Map<String, Object> springProperties(Path state, int port, String adminToken) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.config.location", ServerConfigLocations.DEFAULTS);
		properties.put("server.port", String.valueOf(port));
		properties.put("server.address", "127.0.0.1");
		properties.put("refresh.issuer", issuer(port));
		properties.put("spring.datasource.url",
				"jdbc:h2:mem:refresh-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000");
		// nothing to make durable in memory: H2's file writes (store.durable-commits) do not apply
		properties.put("refresh.store.durable-commits", "false");
		properties.put("refresh.data-dir", state.resolve("data").toString());
		properties.put("refresh.keys-dir", state.resolve("keys").toString());
		properties.put("refresh.backup.dir", state.resolve("backups").toString());
		properties.put("refresh.profile", this.profile);
		// the control plane is on (scenarios, observations), /admin only for the holder of the token
		properties.put("refresh.admin.token", adminToken);
		properties.put("spring.main.banner-mode", "off");
		// start-up time: each start hashes its clients' secrets, a dev password and a dummy secret;
		// a test has no attacker to slow down
		properties.put("refresh.secret-hashing.bcrypt-strength", "4");
		// EmbeddedServer closes the server when the JVM exits, then deletes its directory
		properties.put("spring.main.register-shutdown-hook", "false");
		for (int i = 0; i < this.clients.size(); i++) {
			this.clients.get(i).addTo(properties, "refresh.clients[" + i + "].");
		}
		properties.putAll(this.properties);
		return properties;
	}

	static String issuer(int port) {
		return "http://127.0.0.1:" + port;
	}

	/** A client the builder registers; a null secret makes it public. */
	record ClientSpec(String clientId, String secret, List<String> scopes, List<String> redirectUris) {

		ClientSpec {
			scopes = List.copyOf(scopes);
			redirectUris = List.copyOf(redirectUris);
		}

		void addTo(Map<String, Object> properties, String prefix) {
			properties.put(prefix + "client-id", this.clientId);
			List<String> grantTypes;
			List<String> authMethods;
			if (this.secret != null) {
				properties.put(prefix + "secret", this.secret);
				grantTypes = this.redirectUris.isEmpty() ? List.of("refresh_token", "client_credentials")
						: List.of("authorization_code", "refresh_token", "client_credentials");
				authMethods = List.of("client_secret_basic", "client_secret_post");
			}
			else {
				grantTypes = List.of("authorization_code", "refresh_token");
				authMethods = List.of("none");
			}
			addList(properties, prefix + "grant-types", grantTypes);
			addList(properties, prefix + "auth-methods", authMethods);
			addList(properties, prefix + "scopes", this.scopes);
			addList(properties, prefix + "redirect-uris", this.redirectUris);
		}

		private static void addList(Map<String, Object> properties, String name, List<String> values) {
			for (int i = 0; i < values.size(); i++) {
				properties.put(name + "[" + i + "]", values.get(i));
			}
		}
	}
}
