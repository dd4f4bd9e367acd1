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
import dev.refreshserver.store.FamilyLogin;
import dev.refreshserver.store.RefreshState;
import dev.refreshserver.store.RefreshTokenStore;
import dev.refreshserver.store.TokenFamily;
import dev.refreshserver.token.AccessTokens;
import dev.refreshserver.token.IdTokens;

/**
 * Opens a token family for an original grant (a redeemed authorization code, or a grant
 * minted by the admin API) and issues its first access and refresh tokens, and an ID token when
 * the scope includes {@code openid}. A client not registered for the refresh_token grant, or whose
 * policy requires {@code offline_access} that the scope lacks, gets no refresh token.
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

	private final IdTokens idTokens;

	public GrantIssuer(RefreshTokenStore store, RefreshTokenFormat format, RefreshPolicies policies,
			AccessTokens accessTokens, Clock clock, TokenAudit audit, IdTokens idTokens) {
		this.store = store;
		this.format = format;
		this.policies = policies;
		this.accessTokens = accessTokens;
		this.clock = clock;
		this.audit = audit;
		this.idTokens = idTokens;
	}

	/** A grant without a login of its own (minted): the user counts as logged in now. */
	public IssuedTokens open(RegisteredClient client, String subject, Set<String> scope) {
		return open(client, subject, scope, null, null);
	}

	/**
	 * @param login when the user logged in and what claims the login brought, or null for now and none
	 * @param nonce the nonce of the authorization request, or null
	 */
	public IssuedTokens open(RegisteredClient client, String subject, Set<String> scope, FamilyLogin login,
			String nonce) {
		RefreshPolicy policy = this.policies.forClient(client.getClientId());
		Instant now = this.clock.instant();
		TokenFamily family = new TokenFamily(RefreshTokenFormat.newFamilyId(), client.getClientId(), subject, scope, now,
				policy.familyExpiry(now), null);
		OAuth2AccessToken accessToken = this.accessTokens.issue(client, subject, scope, family.id(),
				policy.accessTtl());
		FamilyLogin loggedIn = (login != null) ? login : new FamilyLogin(now, null);
		String idToken = IdTokens.isOpenId(scope)
				? this.idTokens.issue(client.getClientId(), subject, scope, loggedIn, nonce, accessToken) : null;
		OAuth2RefreshToken refreshToken = null;
		if (client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)
				&& policy.offlineAccess().allowsRefreshToken(scope)) {
			Instant refreshExpiry = policy.refreshTokenExpiry(now, family.expiresAt());
			refreshToken = new OAuth2RefreshToken(this.format.issue(family.id(), FIRST_GENERATION), now, refreshExpiry);
			this.store.open(family, RefreshState.first(FIRST_GENERATION, RefreshTokens.hash(refreshToken.getTokenValue()),
					now, refreshExpiry), loggedIn);
		}
		else {
			// No refresh token for a client that may not use one; the family still exists, since its
			// access tokens name it, so that revocation and a replayed code reach them.
			this.store.open(family, RefreshState.none(now, accessToken.getExpiresAt()), loggedIn);
		}
		this.audit.record(TokenEvent.GRANT_ISSUED, client.getClientId(), "family", family.id());
		return new IssuedTokens(accessToken, refreshToken, family.id(), idToken);
	}
}
