package dev.refreshserver.token;

import java.util.Optional;

import com.nimbusds.jwt.JWTClaimsSet;

import org.springframework.stereotype.Component;

import dev.refreshserver.store.RefreshTokenStore;

/**
 * Whether an access token is still good: signed by this server, not expired on the server clock,
 * and its family (if it has one) not revoked. Introspection and userinfo decide alike.
 */
@Component
public class ActiveAccessTokens {

	private final AccessTokens accessTokens;

	private final RefreshTokenStore store;

	public ActiveAccessTokens(AccessTokens accessTokens, RefreshTokenStore store) {
		this.accessTokens = accessTokens;
		this.store = store;
	}

	/** The claims of an active access token; empty for anything else. */
	public Optional<JWTClaimsSet> claims(String token) {
		return this.accessTokens.verify(token).filter(this::familyLives);
	}

	private boolean familyLives(JWTClaimsSet claims) {
		Object familyId = claims.getClaim(AccessTokens.FAMILY_CLAIM);
		return familyId == null
				|| this.store.findFamily(familyId.toString()).map((family) -> !family.isRevoked()).orElse(false);
	}
}
