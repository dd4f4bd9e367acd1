package dev.refreshserver.grant;

import java.time.Clock;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.refreshserver.audit.TokenAudit;
import dev.refreshserver.audit.TokenEvent;
import dev.refreshserver.protocol.OAuth2Errors;
import dev.refreshserver.refresh.AuthenticatedClients;
import dev.refreshserver.refresh.GrantIssuer;
import dev.refreshserver.refresh.IssuedTokens;
import dev.refreshserver.store.AuthorizationCodeStore;
import dev.refreshserver.store.RefreshTokenStore;
import dev.refreshserver.token.IdTokens;

/**
 * The authorization_code grant (RFC 6749 §4.1.3): redeems a code that Spring Authorization
 * Server's authorization endpoint issued (PKCE was already verified during client
 * authentication) and opens a token family for it, public clients included. A code is single
 * use by one conditional UPDATE in the database, so of concurrent redemptions on any number of
 * instances one wins; a code presented again revokes the family it opened (RFC 6749 §4.1.2),
 * however long after, since redeemed codes are kept. A code whose request had {@code openid} gets
 * an ID token with the request's {@code nonce} and the time its user logged in.
 */
@Component
public class AuthorizationCodeGrantProvider implements AuthenticationProvider {

	private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

	/** RFC 7636 §4.1: 43 to 128 characters of the unreserved set. */
	private static final Pattern CODE_VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

	private final AuthorizationCodeStore codes;

	private final GrantIssuer grants;

	private final RefreshTokenStore store;

	private final TransactionTemplate transactions;

	private final TokenAudit audit;

	private final Clock clock;

	public AuthorizationCodeGrantProvider(AuthorizationCodeStore codes, GrantIssuer grants, RefreshTokenStore store,
			TransactionTemplate transactions, Clock clock, TokenAudit audit) {
		this.codes = codes;
		this.grants = grants;
		this.store = store;
		this.transactions = transactions;
		this.audit = audit;
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
		// the verifier matched the challenge during client authentication; it must also be well formed
		Object verifier = request.getAdditionalParameters().get(PkceParameterNames.CODE_VERIFIER);
		if (!(verifier instanceof String text && CODE_VERIFIER.matcher(text).matches())) {
			throw OAuth2Errors.error(OAuth2ErrorCodes.INVALID_GRANT,
					"The code_verifier must be 43 to 128 characters of A-Z, a-z, 0-9, '-', '.', '_' and '~'");
		}
		OAuth2Authorization authorization = this.codes.findByToken(request.getCode(), CODE);
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
		if (code.isInvalidated()) {
			throw replayed(authorization.getId());
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
		Set<String> scope = authorization.getAuthorizedScopes().isEmpty() ? IdTokens.impliedScope(client.getScopes())
				: authorization.getAuthorizedScopes();
		// Consume, open and record in one transaction: a concurrent redemption waits on the
		// consumed row and, once this commits, finds the family to revoke.
		IssuedTokens tokens = this.transactions.execute((status) -> {
			if (!this.codes.consume(authorization.getId(), this.clock.instant())) {
				return null;
			}
			IssuedTokens opened = this.grants.open(client, authorization.getPrincipalName(), scope,
					AuthorizationCodeStore.loginOf(authorization),
					(String) authorizationRequest.getAdditionalParameters().get(OidcParameterNames.NONCE));
			this.codes.recordFamily(authorization.getId(), opened.familyId());
			return opened;
		});
		if (tokens == null) {
			throw replayed(authorization.getId());
		}
		return tokens.toAuthentication(clientPrincipal);
	}

	/** A code presented again: the family it opened is revoked (RFC 6749 §4.1.2). */
	private RuntimeException replayed(String authorizationId) {
		OAuth2Authorization redeemed = this.codes.findById(authorizationId);
		String familyId = (redeemed != null) ? redeemed.getAttribute(AuthorizationCodeStore.FAMILY_ATTRIBUTE) : null;
		if (familyId != null) {
			this.store.revokeFamily(familyId, this.clock.instant(), "authorization_code_reuse");
			String clientId = redeemed.getRegisteredClientId();
			this.audit.record(TokenEvent.REUSE_DETECTED, clientId, "family", familyId, "token", "authorization_code");
			this.audit.record(TokenEvent.FAMILY_REVOKED, clientId, "family", familyId, "reason",
					"authorization_code_reuse");
		}
		return invalidCode();
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
