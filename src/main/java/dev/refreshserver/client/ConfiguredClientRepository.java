package dev.refreshserver.client;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.refreshserver.config.RefreshProperties;

/**
 * Registered clients: the clients of {@code config/} are written to the {@code oauth_client}
 * table at start (secrets as password hashes, never plaintext) and a client no longer in
 * {@code config/} is removed from it; then every client in the table is served from memory,
 * so the token endpoint never queries for a client.
 */
@Component
public class ConfiguredClientRepository implements RegisteredClientRepository {

	private final JdbcTemplate jdbc;

	private final PasswordEncoder passwordEncoder;

	private final Clock clock;

	private final Map<String, RegisteredClient> byClientId = new ConcurrentHashMap<>();

	public ConfiguredClientRepository(JdbcTemplate jdbc, TransactionTemplate transactions,
			PasswordEncoder passwordEncoder, RefreshProperties properties, Clock clock) {
		this.jdbc = jdbc;
		this.passwordEncoder = passwordEncoder;
		this.clock = clock;
		transactions.executeWithoutResult((status) -> {
			properties.clients().forEach(this::register);
			removeUnconfigured(properties.clients().stream().map(RefreshProperties.Client::clientId).toList());
		});
		// every row was just written from configuration, which also says who asks for consent
		List<String> consenting = properties.clients().stream().filter(RefreshProperties.Client::requireConsent)
			.map(RefreshProperties.Client::clientId).toList();
		jdbc.query("SELECT * FROM oauth_client", (rs) -> {
			RegisteredClient client = toRegisteredClient(rs.getString("client_id"), rs.getString("secret_hash"),
					rs.getString("auth_methods"), rs.getString("grant_types"), rs.getString("scopes"),
					rs.getString("redirect_uris"), consenting.contains(rs.getString("client_id")));
			this.byClientId.put(client.getClientId(), client);
		});
	}

	@Override
	public void save(RegisteredClient client) {
		this.jdbc.update("UPDATE oauth_client SET secret_hash = ?, updated_at = ? WHERE client_id = ?",
				client.getClientSecret(), this.clock.millis(), client.getClientId());
		this.byClientId.put(client.getClientId(), client);
	}

	@Override
	public RegisteredClient findById(String id) {
		return this.byClientId.get(id);
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return this.byClientId.get(clientId);
	}

	private void register(RefreshProperties.Client client) {
		String secretHash = secretHash(client);
		Object[] columns = { secretHash, String.join(" ", client.authMethods()), String.join(" ", client.grantTypes()),
				String.join(" ", client.scopes()), String.join(" ", client.redirectUris()), this.clock.millis(),
				client.clientId() };
		int updated = this.jdbc.update("""
				UPDATE oauth_client SET secret_hash = ?, auth_methods = ?, grant_types = ?, scopes = ?,
				       redirect_uris = ?, updated_at = ?
				WHERE client_id = ?""", columns);
		if (updated == 0) {
			this.jdbc.update("""
					INSERT INTO oauth_client (secret_hash, auth_methods, grant_types, scopes, redirect_uris,
					                          updated_at, client_id)
					VALUES (?, ?, ?, ?, ?, ?, ?)""", columns);
		}
	}

	private void removeUnconfigured(List<String> configured) {
		for (String clientId : this.jdbc.queryForList("SELECT client_id FROM oauth_client", String.class)) {
			if (!configured.contains(clientId)) {
				this.jdbc.update("DELETE FROM oauth_client WHERE client_id = ?", clientId);
			}
		}
	}

	/** Keeps the stored hash when it still matches the configured secret, so restarts don't rehash. */
	private String secretHash(RefreshProperties.Client client) {
		if (client.secret() == null) {
			return null;
		}
		if (client.secret().startsWith("{")) {
			return client.secret();
		}
		List<String> stored = this.jdbc.queryForList("SELECT secret_hash FROM oauth_client WHERE client_id = ?",
				String.class, client.clientId());
		if (!stored.isEmpty() && stored.get(0) != null && this.passwordEncoder.matches(client.secret(), stored.get(0))) {
			return stored.get(0);
		}
		return this.passwordEncoder.encode(client.secret());
	}

	private static RegisteredClient toRegisteredClient(String clientId, String secretHash, String authMethods,
			String grantTypes, String scopes, String redirectUris, boolean requireConsent) {
		return RegisteredClient.withId(clientId)
			.clientId(clientId)
			.clientSecret(secretHash)
			.clientAuthenticationMethods((methods) -> words(authMethods)
				.forEach((method) -> methods.add(new ClientAuthenticationMethod(method))))
			.authorizationGrantTypes((types) -> words(grantTypes)
				.forEach((type) -> types.add(new AuthorizationGrantType(type))))
			.scopes((set) -> set.addAll(words(scopes)))
			.redirectUris((set) -> set.addAll(words(redirectUris)))
			// PKCE for every client, confidential ones too (RFC 9700 §2.1.1)
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(requireConsent).build())
			.build();
	}

	private static List<String> words(String column) {
		return column.isBlank() ? List.of() : Arrays.asList(column.trim().split(" +"));
	}
}
