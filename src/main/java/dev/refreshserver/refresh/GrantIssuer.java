package dev.refreshserver.refresh;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

import dev.refreshserver.audit.TokenAudit;
import dev.refreshserver.audit.TokenEvent;
import dev.refreshserver.store.RefreshState;
import dev.refreshserver.store.RefreshTokenStore;
import dev.refreshserver.store.TokenFamily;
import dev.refreshserver.token.AccessTokens;

/**
 * Opens a token family for an original grant (a redeemed authorization code, or a grant
 * minted by the admin API) and issues its first access and refresh tokens; a client not
 * registered for the refresh_token grant gets the access token only.
 */
@Component
public class GrantIssuer {

	/** The generation of a family's first refresh token; each rotation adds one. */
	public static final long FIRST_GENERATION = 0;

	private final RefreshTokenStore store;

	private final RefreshTokenFormat format;

	private final RefreshPolicies policies;

	private final AccessTokens accessTokens;

	private final Clock clock;

	private final TokenAudit audit;

	public GrantIssuer(RefreshTokenStore store, RefreshTokenFormat format, RefreshPolicies policies,
			AccessTokens accessTokens, Clock clock, TokenAudit audit) {
		this.store = store;
		this.format = format;
		this.policies = policies;
		this.accessTokens = accessTokens;
		this.clock = clock;
		this.audit = audit;
	}

	public IssuedTokens open(RegisteredClient client, String subject, Set<String> scope) {
		RefreshPolicy policy = this.policies.forClient(client.getClientId());
		Instant now = this.clock.instant();
		TokenFamily family = new TokenFamily(RefreshTokenFormat.newFamilyId(), client.getClientId(), subject, scope, now,
				policy.familyExpiry(now), null);
		OAuth2AccessToken accessToken = this.accessTokens.issue(client, subject, scope, family.id(),
				policy.accessTtl());
		if (!client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
			// No refresh token for a client that may not use one; the family still exists, since its
			// access tokens name it, so that revocation and a replayed code reach them.
			this.store.open(family, RefreshState.none(now, accessToken.getExpiresAt()));
			this.audit.record(TokenEvent.GRANT_ISSUED, client.getClientId(), "family", family.id());
			return new IssuedTokens(accessToken, null, family.id());
		}
		String refreshToken = this.format.issue(family.id(), FIRST_GENERATION);
		Instant refreshExpiry = policy.refreshTokenExpiry(now, family.expiresAt());
		this.store.open(family,
				RefreshState.first(FIRST_GENERATION, RefreshTokens.hash(refreshToken), now, refreshExpiry));
		this.audit.record(TokenEvent.GRANT_ISSUED, client.getClientId(), "family", family.id());
		return new IssuedTokens(accessToken, new OAuth2RefreshToken(refreshToken, now, refreshExpiry), family.id());
	}
}
