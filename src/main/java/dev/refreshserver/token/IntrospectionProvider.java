package dev.refreshserver.token;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenIntrospection;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenIntrospectionAuthenticationToken;
import org.springframework.stereotype.Component;

import dev.refreshserver.refresh.AuthenticatedClients;
import dev.refreshserver.refresh.PresentedToken;
import dev.refreshserver.refresh.PresentedTokens;
import dev.refreshserver.store.RefreshTokenStore;
import dev.refreshserver.store.TokenFamily;

/**
 * RFC 7662 introspection. A refresh token is active while it is the live token of a live
 * family; an access token while its signature and expiry hold and its family is not revoked.
 * Rotated, revoked, expired and unknown tokens all answer just {@code active: false}.
 */
@Component
public class IntrospectionProvider implements AuthenticationProvider {

	private final RefreshTokenStore store;

	private final PresentedTokens refreshTokens;

	private final ActiveAccessTokens accessTokens;

	private final Clock clock;

	public IntrospectionProvider(RefreshTokenStore store, PresentedTokens refreshTokens,
			ActiveAccessTokens accessTokens, Clock clock) {
		this.store = store;
		this.refreshTokens = refreshTokens;
		this.accessTokens = accessTokens;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2TokenIntrospectionAuthenticationToken request = (OAuth2TokenIntrospectionAuthenticationToken) authentication;
		Authentication client = AuthenticatedClients.of(request);
		String token = request.getToken();
		Instant now = this.clock.instant();
		OAuth2TokenIntrospection claims = (looksLikeJwt(token) ? introspectAccessToken(token)
				: introspectRefreshToken(token, now))
			.orElseGet(() -> OAuth2TokenIntrospection.builder(false).build());
		return new OAuth2TokenIntrospectionAuthenticationToken(token, client, claims);
	}

	private Optional<OAuth2TokenIntrospection> introspectRefreshToken(String token, Instant now) {
		return this.refreshTokens.find(token)
			.filter((presented) -> isLive(presented, now))
			.map((presented) -> {
				TokenFamily family = presented.family();
				return OAuth2TokenIntrospection.builder(true)
					.tokenType("refresh_token")
					.clientId(family.clientId())
					.subject(family.subject())
					.scope(String.join(" ", family.grantedScope()))
					.issuedAt(presented.tokens().issuedAt())
					.expiresAt(presented.tokens().expiresAt())
					.build();
			});
	}

	private Optional<OAuth2TokenIntrospection> introspectAccessToken(String token) {
		return this.accessTokens.claims(token).map((claims) -> {
			OAuth2TokenIntrospection.Builder builder = OAuth2TokenIntrospection.builder(true)
				.tokenType("Bearer")
				.clientId((String) claims.getClaim("client_id"))
				.subject(claims.getSubject())
				.issuer(claims.getIssuer())
				.id(claims.getJWTID())
				.issuedAt(claims.getIssueTime().toInstant())
				.expiresAt(claims.getExpirationTime().toInstant());
			claims.getAudience().forEach(builder::audience);
			if (claims.getClaim("scope") != null) {
				builder.scope((String) claims.getClaim("scope"));
			}
			return builder.build();
		});
	}

	private static boolean isLive(PresentedToken presented, Instant now) {
		return presented.standing() == PresentedToken.Standing.LIVE && !presented.tokens().isExpiredAt(now)
				&& !presented.family().isRevoked() && !presented.family().isExpiredAt(now);
	}

	static boolean looksLikeJwt(String token) {
		return token.chars().filter((c) -> c == '.').count() == 2;
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2TokenIntrospectionAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
