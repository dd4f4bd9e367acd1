package dev.refreshserver.grant;

import java.time.Clock;
import java.util.Set;
import java.util.stream.Stream;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;

import dev.refreshserver.protocol.OAuth2Errors;
import dev.refreshserver.refresh.AuthenticatedClients;
import dev.refreshserver.refresh.GrantIssuer;
import dev.refreshserver.refresh.IssuedTokens;
import dev.refreshserver.store.RefreshTokenStore;

/**
 * The authorization_code grant (RFC 6749 §4.1.3): redeems a code that Spring Authorization
 * Server's authorization endpoint issued (PKCE was already verified during client
 * authentication) and opens a token family for it, public clients included. A code redeemed
 * twice revokes the family it opened (RFC 6749 §4.1.2); of concurrent redemptions one wins.
 */
@Component
public class AuthorizationCodeGrantProvider implements AuthenticationProvider {

	private static final OAuth2TokenType CODE = new OAuth2TokenType("code");

	private static final String FAMILY_ATTRIBUTE = "refresh_server.family_id";

	private final OAuth2AuthorizationService authorizations;

	private final GrantIssuer grants;

	private final RefreshTokenStore store;

	private final Clock clock;

	private final Object[] locks = Stream.generate(Object::new).limit(64).toArray();

	public AuthorizationCodeGrantProvider(OAuth2AuthorizationService authorizations, GrantIssuer grants,
			RefreshTokenStore store, Clock clock) {
		this.authorizations = authorizations;
		this.grants = grants;
		this.store = store;
		this.clock = clock;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2AuthorizationCodeAuthenticationToken request = (OAuth2AuthorizationCodeAuthenticationToken) authentication;
		OAuth2ClientAuthenticationToken clientPrincipal = AuthenticatedClients.of(request);
		RegisteredClient client = clientPrincipal.getRegisteredClient();
		if (!client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.AUTHORIZATION_CODE)) {
			throw OAuth2Errors.unauthorizedClient(AuthorizationGrantType.AUTHORIZATION_CODE.getValue());
		}
		OAuth2Authorization authorization = this.authorizations.findByToken(request.getCode(), CODE);
		if (authorization == null) {
			throw invalidCode();
		}
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
		OAuth2AuthorizationRequest authorizationRequest = authorization
			.getAttribute(OAuth2AuthorizationRequest.class.getName());
		if (code == null || authorizationRequest == null
				|| !client.getClientId().equals(authorizationRequest.getClientId())) {
			throw invalidCode();
		}
		IssuedTokens tokens;
		// Check, open and invalidate as one step: concurrent redemptions of one code get one family.
		synchronized (lockFor(authorization.getId())) {
			OAuth2Authorization current = this.authorizations.findById(authorization.getId());
			if (current == null || current.getToken(OAuth2AuthorizationCode.class).isInvalidated()) {
				String familyId = (current != null) ? current.getAttribute(FAMILY_ATTRIBUTE) : null;
				if (familyId != null) {
					this.store.revokeFamily(familyId, this.clock.instant(), "authorization_code_reuse");
				}
				throw invalidCode();
			}
			if (code.isExpired()) {
				throw invalidCode();
			}
			// RFC 6749 §4.1.3: the same redirect_uri as the authorization request. Saying so leaks
			// nothing (the code is this client's) and names the usual cause of a failed redemption.
			if (authorizationRequest.getRedirectUri() != null
					&& !authorizationRequest.getRedirectUri().equals(request.getRedirectUri())) {
				throw OAuth2Errors.error(OAuth2ErrorCodes.INVALID_GRANT, (request.getRedirectUri() == null)
						? "redirect_uri is required: the authorization request carried one"
						: "redirect_uri differs from the one of the authorization request");
			}
			// RFC 6749 §3.3: a request without scope gets the client's registered scopes
			Set<String> scope = current.getAuthorizedScopes().isEmpty() ? client.getScopes()
					: current.getAuthorizedScopes();
			tokens = this.grants.open(client, current.getPrincipalName(), scope);
			this.authorizations.save(OAuth2Authorization.from(current)
				.invalidate(code.getToken())
				.attribute(FAMILY_ATTRIBUTE, tokens.familyId())
				.build());
		}
		return tokens.toAuthentication(clientPrincipal);
	}

	private Object lockFor(String authorizationId) {
		return this.locks[Math.floorMod(authorizationId.hashCode(), this.locks.length)];
	}

	private static RuntimeException invalidCode() {
		return OAuth2Errors.error(OAuth2ErrorCodes.INVALID_GRANT,
				"The authorization code is invalid, expired, already used or issued to another client");
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return OAuth2AuthorizationCodeAuthenticationToken.class.isAssignableFrom(authentication);
	}
}
