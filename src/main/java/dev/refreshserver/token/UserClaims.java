package dev.refreshserver.token;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

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
 * anyone) has only {@code sub}, unless its login brought claims of its own (a dev-mode login as
 * anyone), which are released by the same rule.
 */
@Component
public class UserClaims {

	/** Claims that say what a token is, not who the user is: a user may not set them. */
	private static final Set<String> RESERVED = Set.of(IdTokenClaimNames.ISS, IdTokenClaimNames.SUB,
			IdTokenClaimNames.AUD, IdTokenClaimNames.EXP, IdTokenClaimNames.IAT, IdTokenClaimNames.AUTH_TIME,
			IdTokenClaimNames.NONCE, IdTokenClaimNames.AT_HASH, IdTokenClaimNames.AZP, IdTokenClaimNames.ACR,
			IdTokenClaimNames.AMR, IdTokenClaimNames.C_HASH, "jti", "nbf", "scope", "client_id", "sid");

	private final Map<String, RefreshProperties.User> byUsername = new LinkedHashMap<>();

	private final JsonMapper json;

	public UserClaims(RefreshProperties properties, JsonMapper json) {
		this.json = json;
		for (RefreshProperties.User user : properties.users()) {
			String reserved = reservedAmong(user.claims().keySet());
			if (reserved != null) {
				throw new IllegalStateException("User '" + user.username() + "' lists the claim '" + reserved
						+ "', which describes the token, not the user; remove it from refresh.users");
			}
			this.byUsername.put(user.username(), user);
		}
	}

	/** The first of {@code names} that a user may not set, or null. */
	public static String reservedAmong(Set<String> names) {
		return names.stream().filter(RESERVED::contains).findFirst().orElse(null);
	}

	/**
	 * The claims about {@code subject} that {@code scope} releases, {@code sub} first.
	 * @param loginClaims the claims one login brought (a JSON object), over the configured user's; or null
	 */
	public Map<String, Object> of(String subject, Set<String> scope, String loginClaims) {
		Map<String, Object> known = new LinkedHashMap<>();
		RefreshProperties.User user = this.byUsername.get(subject);
		if (user != null) {
			putIfPresent(known, StandardClaimNames.NAME, user.name());
			known.put(StandardClaimNames.PREFERRED_USERNAME, user.username());
			putIfPresent(known, StandardClaimNames.EMAIL, user.email());
			known.putAll(user.claims());
		}
		if (loginClaims != null) {
			known.putAll(this.json.readValue(loginClaims, new TypeReference<Map<String, Object>>() {
			}));
		}
		Map<String, Object> claims = new LinkedHashMap<>();
		claims.put(StandardClaimNames.SUB, subject);
		known.forEach((name, value) -> {
			if (scope.contains(scopeOf(name))) {
				claims.putIfAbsent(name, value);
			}
		});
		return claims;
	}

	/** {@code email} and {@code email_verified} come with scope email, every other user claim with profile. */
	private static String scopeOf(String claim) {
		return (StandardClaimNames.EMAIL.equals(claim) || StandardClaimNames.EMAIL_VERIFIED.equals(claim))
				? OidcScopes.EMAIL : OidcScopes.PROFILE;
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
