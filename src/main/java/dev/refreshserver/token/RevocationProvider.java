package dev.refreshserver.token;

import java.time.Clock;
import java.util.Optional;

import com.nimbusds.jwt.JWTClaimsSet;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2TokenRevocationAuthenticationToken;
import org.springframework.stereotype.Component;

import dev.refreshserver.audit.TokenAudit;
import dev.refreshserver.audit.TokenEvent;
import dev.refreshserver.protocol.OAuth2Errors;
import dev.refreshserver.refresh.AuthenticatedClients;
import dev.refreshserver.refresh.PresentedTokens;
import dev.refreshserver.store.RefreshTokenStore;
import dev.refreshserver.store.StoredFamily;
import dev.refreshserver.store.TokenFamily;

/**
 * RFC 7009 revocation. Revoking a refresh token, or an access token (§2.1 allows it), revokes
 * the whole family it belongs to. An access token of the client_credentials grant belongs to no
 * family and is not revocable: its client gets {@code unsupported_token_type} (§2.2.1). Unknown
 * tokens and tokens of other clients answer 200 like any other (§2.2), so revocation reveals
 * nothing about a token and cannot hurt another client.
 */
@Component
public class RevocationProvider implements AuthenticationProvider {

	private final RefreshTokenStore store;

	private final PresentedTokens refreshTokens;

	private final AccessTokens accessTokens;

	private final Clock clock;

	private final TokenAudit audit;

	public RevocationProvider(RefreshTokenStore store, PresentedTokens refreshTokens, AccessTokens accessTokens,
			Clock clock, TokenAudit audit) {
		this.store = store;
		this.refreshTokens = refreshTokens;
		this.accessTokens = accessTokens;
		this.clock = clock;
		this.audit = audit;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2TokenRevocationAuthenticationToken request = (OAuth2TokenRevocationAuthenticationToken) authentication;
		OAuth2ClientAuthenticationToken client = AuthenticatedClients.of(request);
		String clientId = client.getRegisteredClient().getClientId();
		familyOf(request.getToken(), clientId).filter((family) -> family.clientId().equals(clientId))
			.filter((family) -> !family.isRevoked())
			.ifPresent((family) -> {
				this.store.revokeFamily(family.id(), this.clock.instant(), "revoked_by_client");
				this.audit.record(TokenEvent.FAMILY_REVOKED, clientId, "family", family.id(), "reason",
						"revoked_by_client");
			});
		return request;
	}

	private Optional<TokenFamily> familyOf(String token, String clientId) {
		if (IntrospectionProvider.looksLikeJwt(token)) {
			Optional<JWTClaimsSet> claims = this.accessTokens.verify(token);
			Object familyId = claims.map((verified) -> verified.getClaim(AccessTokens.FAMILY_CLAIM)).orElse(null);
			if (familyId == null && claims.isPresent() && clientId.equals(claims.get().getClaim("client_id"))) {
				// RFC 7009 §2.2.1: say so rather than answer 200 and leave the token alive
				throw OAuth2Errors.error(OAuth2ErrorCodes.UNSUPPORTED_TOKEN_TYPE,
						"An access token of the client_credentials grant cannot be revoked; it expires with its lifetime");
			}
			return Optional.ofNullable(familyId).flatMap((id) -> this.store.findFamily(id.toString()));
		}
		// any token we issued names its family, whether it is live or long rotated out; a token
		// failing its MAC names nothing, so guessing family ids revokes nothing
		return this.refreshTokens.familyOf(token).map(StoredFamily::family);
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2TokenRevocationAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
