package dev.refreshserver.refresh;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import dev.refreshserver.config.RefreshProperties;
import dev.refreshserver.profile.ProfileSettings;
import dev.refreshserver.profile.RequestRules;

/**
 * Resolves each client's {@link RefreshPolicy} once: the client's own overrides over its
 * profile (the client's {@code profile}, else the server's {@code refresh.profile}), and the
 * request rules of that profile. Public clients always get rotation, whatever the profile says.
 */
@Component
public class RefreshPolicies {

	private final RefreshProperties properties;

	private final Map<String, RefreshPolicy> byClientId = new ConcurrentHashMap<>();

	private final Map<String, RequestRules> requestRulesByClientId = new ConcurrentHashMap<>();

	private final ProfileSettings serverProfile;

	public RefreshPolicies(RefreshProperties properties) {
		this.properties = properties;
		this.serverProfile = profile(properties.profile());
		properties.clients().forEach((client) -> {
			forClient(client.clientId());
			this.requestRulesByClientId.put(client.clientId(), profileOf(client).request());
		});
	}

	/**
	 * The request shapes the token endpoints accept from a client: its profile's; a client
	 * unknown to configuration (or none named) gets the server profile's.
	 */
	public RequestRules requestRules(String clientId) {
		RequestRules rules = (clientId != null) ? this.requestRulesByClientId.get(clientId) : null;
		return (rules != null) ? rules : this.serverProfile.request();
	}

	/** The request rules of every profile in use: the server's and those clients name. */
	public Collection<RequestRules> requestRulesInUse() {
		Set<RequestRules> rules = new LinkedHashSet<>(this.requestRulesByClientId.values());
		rules.add(this.serverProfile.request());
		return rules;
	}

	/** The policy of a client; a client unknown to configuration gets the server profile's. */
	public RefreshPolicy forClient(String clientId) {
		return this.byClientId.computeIfAbsent(clientId, this::resolve);
	}

	/**
	 * The longest access-token lifetime any client gets: how long a token signed by a key can
	 * outlive the key's last signature.
	 */
	public Duration longestAccessTtl() {
		Duration longest = this.serverProfile.policy().accessTtl();
		for (RefreshProperties.Client client : this.properties.clients()) {
			Duration ttl = forClient(client.clientId()).accessTtl();
			longest = ttl.compareTo(longest) > 0 ? ttl : longest;
		}
		return longest;
	}

	private RefreshPolicy resolve(String clientId) {
		RefreshProperties.Client client = this.properties.clients()
			.stream()
			.filter((candidate) -> candidate.clientId().equals(clientId))
			.findFirst()
			.orElse(null);
		ProfileSettings profile = profileOf(client);
		PolicySettings settings = profile.policy();
		if (client != null && client.policy() != null) {
			settings = client.policy().over(settings);
		}
		if (client != null && client.secret() == null) {
			// RFC 9700 §4.14.2: a public client's refresh tokens are sender-unconstrained, so always rotate
			settings = new PolicySettings(Rotation.ROTATE, null, null, null, null, null, null).over(settings);
		}
		return RefreshPolicy.from(settings, profile.response());
	}

	private ProfileSettings profileOf(RefreshProperties.Client client) {
		return (client != null && client.profile() != null) ? profile(client.profile()) : this.serverProfile;
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
