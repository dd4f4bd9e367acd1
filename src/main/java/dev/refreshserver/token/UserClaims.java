package dev.refreshserver.token;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.core.oidc.StandardClaimNames;
import org.springframework.stereotype.Component;

import dev.refreshserver.config.RefreshProperties;

/**
 * What the ID token and userinfo say about a user (OpenID Connect Core §5.4): the dev users of
 * {@code config/}, released by scope. {@code openid} alone releases only {@code sub};
 * {@code profile} adds {@code name}, {@code preferred_username} and the user's extra claims;
 * {@code email} adds {@code email}. A subject that is no configured user (a grant minted for
 * anyone) has only {@code sub}.
 */
@Component
public class UserClaims {

	/** Claims that say what a token is, not who the user is: a user may not set them. */
	private static final Set<String> RESERVED = Set.of(IdTokenClaimNames.ISS, IdTokenClaimNames.SUB,
			IdTokenClaimNames.AUD, IdTokenClaimNames.EXP, IdTokenClaimNames.IAT, IdTokenClaimNames.AUTH_TIME,
			IdTokenClaimNames.NONCE, IdTokenClaimNames.AT_HASH, IdTokenClaimNames.AZP, IdTokenClaimNames.ACR,
			IdTokenClaimNames.AMR, IdTokenClaimNames.C_HASH, "jti", "nbf", "scope", "client_id", "sid");

	private final Map<String, RefreshProperties.User> byUsername = new LinkedHashMap<>();

	public UserClaims(RefreshProperties properties) {
		for (RefreshProperties.User user : properties.users()) {
			user.claims().keySet().stream().filter(RESERVED::contains).findFirst().ifPresent((claim) -> {
				throw new IllegalStateException("User '" + user.username() + "' lists the claim '" + claim
						+ "', which describes the token, not the user; remove it from refresh.users");
			});
			this.byUsername.put(user.username(), user);
		}
	}

	/** The claims about {@code subject} that {@code scope} releases, {@code sub} first. */
	public Map<String, Object> of(String subject, Set<String> scope) {
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put(StandardClaimNames.SUB, subject);
		RefreshProperties.User user = this.byUsername.get(subject);
		if (user == null) {
			return claims;
		}
		if (scope.contains(OidcScopes.PROFILE)) {
			putIfPresent(claims, StandardClaimNames.NAME, user.name());
			claims.put(StandardClaimNames.PREFERRED_USERNAME, user.username());
			user.claims().forEach(claims::putIfAbsent);
		}
		if (scope.contains(OidcScopes.EMAIL)) {
			putIfPresent(claims, StandardClaimNames.EMAIL, user.email());
		}
		return claims;
	}

	/** Every user claim this server may release, for {@code claims_supported}. */
	public List<String> supported() {
		Set<String> names = new LinkedHashSet<>(List.of(StandardClaimNames.SUB, StandardClaimNames.NAME,
				StandardClaimNames.PREFERRED_USERNAME, StandardClaimNames.EMAIL));
		this.byUsername.values().forEach((user) -> names.addAll(user.claims().keySet()));
		return List.copyOf(names);
	}

	private static void putIfPresent(Map<String, Object> claims, String name, Object value) {
		if (value != null) {
			claims.put(name, value);
		}
	}
}
