package dev.refreshserver.token;

import java.time.Clock;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.stereotype.Component;

import dev.refreshserver.refresh.AuthenticatedClients;
import dev.refreshserver.refresh.RefreshTokens;
import dev.refreshserver.store.PresentedToken;
import dev.refreshserver.store.RefreshTokenStore;
import dev.refreshserver.store.TokenFamily;

/**
 * RFC 7009 revocation. Revoking a refresh token, or an access token (§2.1 allows it), revokes
 * the whole family it belongs to. Unknown tokens and tokens of other clients answer 200 like
 * any other (§2.2), so revocation reveals nothing about a token and cannot hurt another client.
 */
@Component
public class RevocationProvider implements AuthenticationProvider {

	private final RefreshTokenStore store;

	private final AccessTokens accessTokens;

	private final Clock clock;

	public RevocationProvider(RefreshTokenStore store, AccessTokens accessTokens, Clock clock) {
		this.store = store;
		this.accessTokens = accessTokens;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2TokenRevocationAuthenticationToken request = (OAuth2TokenRevocationAuthenticationToken) authentication;
		OAuth2ClientAuthenticationToken client = AuthenticatedClients.of(request);
		String clientId = client.getRegisteredClient().getClientId();
		familyOf(request.getToken()).filter((family) -> family.clientId().equals(clientId))
			.ifPresent((family) -> this.store.revokeFamily(family.id(), this.clock.instant(), "revoked_by_client"));
		return request;
	}

	private Optional<TokenFamily> familyOf(String token) {
		if (IntrospectionProvider.looksLikeJwt(token)) {
			return this.accessTokens.verify(token)
				.map((claims) -> claims.getClaim(AccessTokens.FAMILY_CLAIM))
				.flatMap((familyId) -> this.store.findFamily(familyId.toString()));
		}
		return this.store.find(RefreshTokens.hash(token)).map(PresentedToken::family);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2TokenRevocationAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
