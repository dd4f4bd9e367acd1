package dev.refreshserver.admin;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

import com.nimbusds.jwt.JWTClaimsSet;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2RefreshTokenAuthenticationToken;
import org.springframework.stereotype.Component;

import dev.refreshserver.protocol.DroppedResponse;
import dev.refreshserver.protocol.OAuth2Errors;
import dev.refreshserver.protocol.RetryLater;
import dev.refreshserver.refresh.AuthenticatedClients;
import dev.refreshserver.refresh.PresentedTokens;
import dev.refreshserver.refresh.RefreshTokenGrantProvider;
import dev.refreshserver.refresh.Rotation;
import dev.refreshserver.token.AccessTokens;
import dev.refreshserver.token.IdTokens;
import dev.refreshserver.token.TokenResponseWriter;

/**
 * The one seam where scripted scenarios enter: in front of the refresh grant, after client
 * authentication. A request no scenario matches goes straight to the grant; a scripted error
 * is answered before the grant runs, so it consumes nothing; the other actions run the grant,
 * adjusted for this one request, and change what comes back.
 */
@Component
public class ScriptedRefreshGrant implements AuthenticationProvider {

	private final RefreshTokenGrantProvider grant;

	private final Scenarios scenarios;

	private final PresentedTokens tokens;

	private final AccessTokens accessTokens;

	private final IdTokens idTokens;

	public ScriptedRefreshGrant(RefreshTokenGrantProvider grant, Scenarios scenarios, PresentedTokens tokens,
			AccessTokens accessTokens, IdTokens idTokens) {
		this.grant = grant;
		this.scenarios = scenarios;
		this.tokens = tokens;
		this.accessTokens = accessTokens;
		this.idTokens = idTokens;
	}

	@Override
	public Authentication authenticate(Authentication authentication) {
		OAuth2RefreshTokenAuthenticationToken request = (OAuth2RefreshTokenAuthenticationToken) authentication;
		OAuth2ClientAuthenticationToken client = AuthenticatedClients.of(request);
		Optional<Scenario> next = this.scenarios.claim(client.getRegisteredClient().getClientId(),
				() -> subjectOf(request.getRefreshToken()));
		if (next.isEmpty()) {
			return this.grant.authenticate(authentication);
		}
		Scenario scenario = next.get();
		return switch (scenario.action()) {
			case INVALID_GRANT -> throw OAuth2Errors.invalidRefreshToken();
			case SERVER_ERROR -> throw OAuth2Errors.error(OAuth2ErrorCodes.SERVER_ERROR, "Scripted server error");
			case TEMPORARILY_UNAVAILABLE -> throw retryLater(HttpStatus.SERVICE_UNAVAILABLE, scenario.retryAfter());
			case RATE_LIMITED -> throw retryLater(HttpStatus.TOO_MANY_REQUESTS, scenario.retryAfter());
			case DELAY -> {
				pause(scenario.delay());
				yield this.grant.authenticate(authentication);
			}
			case OMIT_REFRESH_TOKEN -> withoutRefreshToken(
					this.grant.refresh(authentication, (policy) -> policy.withRotation(Rotation.REUSE)));
			case EXPIRED_ACCESS_TOKEN -> withExpiredAccessToken(this.grant.authenticate(authentication));
			case LOST_RESPONSE -> {
				this.grant.authenticate(authentication);
				throw new DroppedResponse();
			}
			case EXPIRES_IN_AS_STRING -> this.grant.refresh(authentication,
					(policy) -> policy.withResponse(policy.response().withExpiresInAsString()));
			case ID_TOKEN_WRONG_ISS -> withWrongClaim(authentication, scenario.action(),
					(claims) -> claims.issuer(claims.build().getIssuer() + "/not-this-issuer"));
			case ID_TOKEN_WRONG_SUB -> withWrongClaim(authentication, scenario.action(),
					(claims) -> claims.subject(claims.build().getSubject() + "-someone-else"));
			case ID_TOKEN_WRONG_AUD -> withWrongClaim(authentication, scenario.action(),
					(claims) -> claims.audience("another-client"));
			case ID_TOKEN_BAD_SIGNATURE -> withIdToken(this.grant.authenticate(authentication), scenario.action(),
					IdTokens::withBrokenSignature);
		};
	}

	@Override
	public boolean supports(Class<?> authentication) {
		return this.grant.supports(authentication);
	}

	private String subjectOf(String refreshToken) {
		return this.tokens.familyOf(refreshToken).map((stored) -> stored.family().subject()).orElse(null);
	}

	private static RetryLater retryLater(HttpStatus status, Duration retryAfter) {
		return new RetryLater(new OAuth2Error(OAuth2ErrorCodes.TEMPORARILY_UNAVAILABLE,
				"Scripted: try again after " + retryAfter.toSeconds() + " s", OAuth2Errors.TOKEN_ERROR_URI), status,
				retryAfter);
	}

	private static Authentication withoutRefreshToken(Authentication result) {
		OAuth2AccessTokenAuthenticationToken tokens = (OAuth2AccessTokenAuthenticationToken) result;
		return new OAuth2AccessTokenAuthenticationToken(tokens.getRegisteredClient(),
				(Authentication) tokens.getPrincipal(), tokens.getAccessToken(), null, tokens.getAdditionalParameters());
	}

	/**
	 * The same response with its ID token changed, and marked with the fault for the conformance
	 * observer; a refresh that carries none (no {@code openid}, or a policy without refreshed ID
	 * tokens) is left as it is.
	 */
	/** A refresh whose ID token is signed again with a claim changed. */
	private Authentication withWrongClaim(Authentication authentication, ScenarioAction fault,
			UnaryOperator<JWTClaimsSet.Builder> change) {
		return withIdToken(this.grant.authenticate(authentication), fault,
				(idToken) -> this.idTokens.resigned(idToken, change));
	}

	private static Authentication withIdToken(Authentication result, ScenarioAction fault,
			UnaryOperator<String> change) {
		OAuth2AccessTokenAuthenticationToken tokens = (OAuth2AccessTokenAuthenticationToken) result;
		Object idToken = tokens.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN);
		if (idToken == null) {
			return result;
		}
		Map<String, Object> parameters = new HashMap<>(tokens.getAdditionalParameters());
		parameters.put(OidcParameterNames.ID_TOKEN, change.apply((String) idToken));
		parameters.put(TokenResponseWriter.ID_TOKEN_FAULT, fault.id());
		return new OAuth2AccessTokenAuthenticationToken(tokens.getRegisteredClient(),
				(Authentication) tokens.getPrincipal(), tokens.getAccessToken(), tokens.getRefreshToken(), parameters);
	}

	private Authentication withExpiredAccessToken(Authentication result) {
		OAuth2AccessTokenAuthenticationToken tokens = (OAuth2AccessTokenAuthenticationToken) result;
		return new OAuth2AccessTokenAuthenticationToken(tokens.getRegisteredClient(),
				(Authentication) tokens.getPrincipal(), this.accessTokens.expired(tokens.getAccessToken()),
				tokens.getRefreshToken(), tokens.getAdditionalParameters());
	}

	private static void pause(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}
}
