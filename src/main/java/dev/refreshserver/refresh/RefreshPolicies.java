package dev.refreshserver.refresh;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.refreshserver.config.RefreshProperties;
import dev.refreshserver.profile.ProfileSettings;

/**
 * Resolves each client's {@link RefreshPolicy} once: the client's own overrides over its
 * profile (the client's {@code profile}, else the server's {@code refresh.profile}).
 */
@Component
public class RefreshPolicies {

	private final RefreshProperties properties;

	private final Map<String, RefreshPolicy> byClientId = new ConcurrentHashMap<>();

	private final ProfileSettings serverProfile;

	public RefreshPolicies(RefreshProperties properties) {
		this.properties = properties;
		this.serverProfile = profile(properties.profile());
		properties.clients().forEach((client) -> forClient(client.clientId()));
	}

	/** The profile chosen for the whole server with {@code refresh.profile}. */
	public ProfileSettings serverProfile() {
		return this.serverProfile;
	}

	/** The policy of a client; a client unknown to configuration gets the server profile's. */
	public RefreshPolicy forClient(String clientId) {
		return this.byClientId.computeIfAbsent(clientId, this::resolve);
	}

	private RefreshPolicy resolve(String clientId) {
		RefreshProperties.Client client = this.properties.clients()
			.stream()
			.filter((candidate) -> candidate.clientId().equals(clientId))
			.findFirst()
			.orElse(null);
		String profileName = (client != null && client.profile() != null) ? client.profile()
				: this.properties.profile();
		ProfileSettings profile = profile(profileName);
		PolicySettings settings = profile.policy();
		if (client != null && client.policy() != null) {
			settings = client.policy().over(settings);
		}
		return RefreshPolicy.from(settings, profile.response());
	}

	private ProfileSettings profile(String name) {
		ProfileSettings settings = this.properties.profiles().get(name);
		if (settings == null) {
			throw new IllegalStateException("Unknown refresh profile '" + name + "'; configured profiles: "
					+ this.properties.profiles().keySet());
		}
		return settings;
	}
}
