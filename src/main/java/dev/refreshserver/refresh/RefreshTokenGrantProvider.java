package dev.refreshserver.refresh;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;
import java.util.function.UnaryOperator;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

import dev.refreshserver.audit.TokenAudit;
import dev.refreshserver.audit.TokenEvent;
import dev.refreshserver.keys.SealingKey;
import dev.refreshserver.protocol.OAuth2Errors;
import dev.refreshserver.store.RefreshState;
import dev.refreshserver.store.RefreshTokenStore;
import dev.refreshserver.store.TokenFamily;
import dev.refreshserver.token.AccessTokens;
import dev.refreshserver.token.IdTokens;

/**
 * The refresh_token grant (RFC 6749 §6, RFC 9700 §4.14): validate the presented token against
 * its family, then rotate it (or slide it, in reuse mode) and issue a new access token.
 * A rotated-out token presented again revokes the whole family, unless it is the immediate
 * predecessor retried inside the grace window, which gets the same successor back. A refresh
 * reads the family row once and writes it once, conditionally (docs/storage.md).
 */
@Component
public class RefreshTokenGrantProvider implements AuthenticationProvider {

	private final RefreshTokenStore store;

	private final PresentedTokens tokens;

	private final RefreshTokenFormat format;

	private final RefreshPolicies policies;

	private final AccessTokens accessTokens;

	private final SealingKey sealingKey;

	private final Clock clock;

	private final TokenAudit audit;

	private final IdTokens idTokens;

	public RefreshTokenGrantProvider(RefreshTokenStore store, PresentedTokens tokens, RefreshTokenFormat format,
			RefreshPolicies policies, AccessTokens accessTokens, SealingKey sealingKey, Clock clock, TokenAudit audit,
			IdTokens idTokens) {
		this.store = store;
		this.tokens = tokens;
		this.format = format;
		this.policies = policies;
		this.accessTokens = accessTokens;
		this.sealingKey = sealingKey;
		this.clock = clock;
		this.audit = audit;
		this.idTokens = idTokens;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		return refresh(authentication, UnaryOperator.identity());
	}

	/**
	 * The grant with its client's policy adjusted for this one request: the seam through which
	 * the control plane's scripted scenarios change what a refresh does (e.g. no rotation).
	 */
	public Authentication refresh(Authentication authentication, UnaryOperator<RefreshPolicy> adjust) {
		OAuth2RefreshTokenAuthenticationToken request = (OAuth2RefreshTokenAuthenticationToken) authentication;
		OAuth2ClientAuthenticationToken clientPrincipal = AuthenticatedClients.of(request);
		RegisteredClient client = clientPrincipal.getRegisteredClient();
		if (!client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
			throw OAuth2Errors.unauthorizedClient(AuthorizationGrantType.REFRESH_TOKEN.getValue());
		}
		Refresh refresh = new Refresh(client, adjust.apply(this.policies.forClient(client.getClientId())),
				this.clock.instant(), request.getRefreshToken(), request.getScopes());
		PresentedToken presented = this.tokens.find(refresh.presentedToken)
			.orElseThrow(OAuth2Errors::invalidRefreshToken);
		return validateAndRefresh(refresh, presented).toAuthentication(clientPrincipal, refresh.policy.response());
	}

	private IssuedTokens validateAndRefresh(Refresh refresh, PresentedToken presented) {
		TokenFamily family = presented.family();
		if (!family.clientId().equals(refresh.client.getClientId()) || family.isRevoked()
				|| family.isExpiredAt(refresh.now)) {
			throw OAuth2Errors.invalidRefreshToken();
		}
		return switch (presented.standing()) {
			case LIVE -> {
				if (presented.tokens().isExpiredAt(refresh.now)) {
					throw OAuth2Errors.invalidRefreshToken();
				}
				yield refresh(refresh, presented);
			}
			case PREDECESSOR -> retryInsideGrace(refresh, presented);
			case SUPERSEDED -> throw reuse(family, refresh.now);
		};
	}

	private IssuedTokens refresh(Refresh refresh, PresentedToken presented) {
		TokenFamily family = presented.family();
		Set<String> scope = requestedScope(refresh, family);
		Instant expiry = refresh.policy.refreshTokenExpiry(refresh.now, family.expiresAt());
		long generation = presented.tokens().generation();
		String refreshToken;
		if (refresh.policy.rotation() == Rotation.REUSE) {
			if (!this.store.extend(family.id(), generation, expiry)) {
				throw OAuth2Errors.invalidRefreshToken();
			}
			refreshToken = refresh.presentedToken;
		}
		else {
			refreshToken = this.format.issue(family.id(), generation + 1);
			// the predecessor and the sealed successor are kept only for a grace window to use
			boolean grace = !refresh.policy.grace().isZero();
			RefreshState next = new RefreshState(generation + 1, RefreshTokens.hash(refreshToken), refresh.now, expiry,
					refresh.now, grace ? presented.hash() : null, grace ? this.sealingKey.seal(refreshToken) : null);
			if (!this.store.rotate(family.id(), generation, next)) {
				// Another request rotated this token first: ours is now a retry or a reuse.
				PresentedToken lost = this.tokens.find(refresh.presentedToken)
					.orElseThrow(OAuth2Errors::invalidRefreshToken);
				return validateAndRefresh(refresh, lost);
			}
		}
		return issue(refresh, presented, scope, refreshToken, expiry);
	}

	/**
	 * The token the live one replaced: inside the grace window it gets that same live token
	 * back; after it, this is reuse and revokes the family.
	 */
	private IssuedTokens retryInsideGrace(Refresh refresh, PresentedToken presented) {
		TokenFamily family = presented.family();
		RefreshState tokens = presented.tokens();
		boolean insideGrace = tokens.successorSealed() != null && tokens.rotatedAt() != null
				&& refresh.now.isBefore(tokens.rotatedAt().plus(refresh.policy.grace()));
		if (insideGrace && !tokens.isExpiredAt(refresh.now)
				&& this.store.confirmLive(family.id(), tokens.generation())) {
			return issue(refresh, presented, requestedScope(refresh, family),
					this.sealingKey.unseal(tokens.successorSealed()), tokens.expiresAt());
		}
		throw reuse(family, refresh.now);
	}

	/** A token we issued, presented after it was replaced: the family is revoked (RFC 9700 §4.14.2). */
	private RuntimeException reuse(TokenFamily family, Instant now) {
		this.store.revokeFamily(family.id(), now, "refresh_token_reuse");
		this.audit.record(TokenEvent.REUSE_DETECTED, family.clientId(), "family", family.id(), "token",
				"refresh_token");
		this.audit.record(TokenEvent.FAMILY_REVOKED, family.clientId(), "family", family.id(), "reason",
				"refresh_token_reuse");
		return OAuth2Errors.invalidRefreshToken();
	}

	/**
	 * RFC 6749 §6: an omitted scope means the original grant; a requested one must be within it.
	 * Only a token already found live gets here, so {@code invalid_scope} tells nothing about a
	 * dead one; a refused scope is logged, as a client probing for more than it was granted.
	 */
	private Set<String> requestedScope(Refresh refresh, TokenFamily family) {
		if (refresh.requestedScope.isEmpty()) {
			return family.grantedScope();
		}
		if (!family.grantedScope().containsAll(refresh.requestedScope)) {
			this.audit.record(TokenEvent.SCOPE_REFUSED, family.clientId(), "family", family.id());
			throw OAuth2Errors.invalidScope();
		}
		return refresh.requestedScope;
	}

	private IssuedTokens issue(Refresh refresh, PresentedToken presented, Set<String> scope, String refreshToken,
			Instant refreshExpiry) {
		TokenFamily family = presented.family();
		this.audit.record(TokenEvent.REFRESHED, family.clientId(), "family", family.id(), "rotated",
				String.valueOf(!refreshToken.equals(refresh.presentedToken)));
		OAuth2AccessToken accessToken = this.accessTokens.issue(refresh.client, family.subject(), scope, family.id(),
				refresh.policy.accessTtl());
		return new IssuedTokens(accessToken, new OAuth2RefreshToken(refreshToken, refresh.now, refreshExpiry),
				family.id(), idToken(refresh, presented, scope, accessToken));
	}

	/**
	 * OpenID Connect Core §12.2: a refresh of an {@code openid} scope gets a new ID token about the
	 * same login (its {@code auth_time}) and without a nonce, unless the policy says this provider
	 * sends none. A refresh that narrows the scope to leave out {@code openid} gets none.
	 */
	private String idToken(Refresh refresh, PresentedToken presented, Set<String> scope, OAuth2AccessToken accessToken) {
		if (!refresh.policy.refreshIdToken() || !IdTokens.isOpenId(scope)) {
			return null;
		}
		TokenFamily family = presented.family();
		return this.idTokens.issue(family.clientId(), family.subject(), scope, presented.stored().login(), null,
				accessToken);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2RefreshTokenAuthenticationToken.class.isAssignableFrom(authentication);
	}

	/** One refresh request, as read from the token endpoint. */
	private record Refresh(RegisteredClient client, RefreshPolicy policy, Instant now, String presentedToken,
			Set<String> requestedScope) {
	}
}
