package dev.refreshserver.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.springframework.boot.context.properties.ConfigurationProperties;

import dev.refreshserver.profile.ProfileSettings;
import dev.refreshserver.refresh.PolicySettings;

/**
 * Everything under {@code refresh.*} in {@code config/application.yml}: where state lives,
 * which profile is active, the profiles themselves, and the dev clients and users.
 */
@ConfigurationProperties("refresh")
public record RefreshProperties(
		String profile,
		Path dataDir,
		Path keysDir,
		String issuer,
		String signingAlgorithm,
		boolean nativeCrypto,
		Admin admin,
		Tls tls,
		Store store,
		Backup backup,
		Map<String, ProfileSettings> profiles,
		List<Client> clients,
		List<User> users) {

	public RefreshProperties {
		profiles = (profiles != null) ? profiles : Map.of();
		clients = (clients != null) ? clients : List.of();
		users = (users != null) ? users : List.of();
		admin = (admin != null) ? admin : new Admin(null, null);
		tls = (tls != null) ? tls : new Tls(false);
		store = (store != null) ? store : new Store(true, false, null);
		backup = (backup != null) ? backup : new Backup(Path.of("backups"));
	}

	/**
	 * How H2 writes. {@code durable-commits: false} answers before a commit reaches the file
	 * (H2's write delay): faster, but a crash loses acknowledged rotations; only for comparing the
	 * cost in benchmarks. {@code sync-to-disk: true} also forces each group of commits to the disk
	 * (fsync), so they survive a power loss too. {@code journal-checkpoint}: how often the
	 * refresh grant's journal hands over to H2's file (store/RotationJournal).
	 */
	public record Store(boolean durableCommits, boolean syncToDisk, Duration journalCheckpoint) {
		public Store {
			journalCheckpoint = (journalCheckpoint != null) ? journalCheckpoint : Duration.ofSeconds(1);
		}
	}

	/** Where {@code POST /admin/backup} writes the H2 store's backups (zip files, 0600 in a 0700 directory). */
	public record Backup(Path dir) {
	}

	/** HTTPS on {@code server.port}, with {@code keys/tls.crt} and {@code keys/tls.key} (a dev pair is generated). */
	public record Tls(boolean enabled) {
	}

	/** The dev/test control plane: enabled only when a token is configured. */
	/**
	 * The control plane. {@code observeClients} (default on) records token-endpoint requests for
	 * the conformance report while the control plane is on; a benchmark that needs /admin only to
	 * mint grants turns it off to measure the token endpoint as production runs it.
	 */
	public record Admin(String token, Boolean observeClients) {
		public boolean enabled() {
			return this.token != null && !this.token.isBlank();
		}

		/** Whether the conformance observation runs: only with the control plane on. */
		public boolean observing() {
			return enabled() && !Boolean.FALSE.equals(this.observeClients);
		}
	}

	/**
	 * A registered client as configuration. A client without a secret is public
	 * (authentication method {@code none}, PKCE required). Without {@code grant-types} a client
	 * gets {@code authorization_code} and {@code refresh_token} when it has redirect URIs, else
	 * {@code refresh_token} alone (its grants are minted through {@code /admin}). {@code profile}
	 * and {@code policy} override the server's profile for this client only. With
	 * {@code require-consent: true} the user is asked to approve the scopes on the consent page.
	 */
	public record Client(String clientId, String secret, List<String> grantTypes, List<String> authMethods,
			List<String> scopes, List<String> redirectUris, String profile, PolicySettings policy,
			boolean requireConsent) {

		public Client {
			redirectUris = (redirectUris != null) ? redirectUris : List.of();
			grantTypes = (grantTypes != null) ? grantTypes
					: redirectUris.isEmpty() ? List.of("refresh_token") : List.of("authorization_code", "refresh_token");
			if (grantTypes.contains("authorization_code") && redirectUris.isEmpty()) {
				throw new IllegalArgumentException("Client '" + clientId
						+ "' has the authorization_code grant type but no redirect-uris; add redirect-uris");
			}
			scopes = (scopes != null) ? scopes : List.of();
			authMethods = (authMethods != null) ? authMethods
					: (secret == null) ? List.of("none") : List.of("client_secret_basic");
		}
	}

	/**
	 * A dev user for the login page of the authorization code flow, and the OpenID Connect claims
	 * the ID token and userinfo give about them: {@code name} and {@code preferred_username} (the
	 * username) with scope {@code profile}, {@code email} with scope {@code email}, and any
	 * {@code claims} the user lists (e.g. {@code groups}, {@code locale}) with scope {@code profile}.
	 */
	public record User(String username, String password, String name, String email, Map<String, Object> claims) {

		public User {
			claims = (claims != null) ? asJson(claims) : Map.of();
		}

		/**
		 * Configuration binds a YAML list under a map as a map keyed "0", "1", ...: such maps become
		 * lists again, so {@code groups: [developers]} is a JSON array in the tokens.
		 */
		@SuppressWarnings("unchecked")
		private static <T> T asJson(T value) {
			if (!(value instanceof Map<?, ?> map)) {
				return value;
			}
			Map<String, Object> converted = new LinkedHashMap<>();
			map.forEach((key, item) -> converted.put(key.toString(), asJson(item)));
			boolean indexed = !converted.isEmpty() && IntStream.range(0, converted.size())
				.allMatch((i) -> converted.containsKey(Integer.toString(i)));
			return (T) (indexed ? IntStream.range(0, converted.size())
				.mapToObj((i) -> converted.get(Integer.toString(i)))
				.toList() : converted);
		}
	}
}
