package dev.refreshserver.grant;

import java.util.function.Consumer;
import java.util.regex.Pattern;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationContext;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationException;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;

/**
 * What the authorization endpoint checks beyond Spring Authorization Server's own validation
 * (redirect URI, scope, PKCE required and S256 only). It runs after the redirect URI has been
 * validated, so a refusal goes back to the client as an error redirect (RFC 6749 §4.1.2.1).
 * <ul>
 * <li>{@code response_mode}: only {@code query} (the default for {@code code}); the server
 * answers nothing else, and silently answering in the query a client that asked for the fragment
 * or a form post would hand the code where the client does not look for it.</li>
 * <li>{@code code_challenge}: an S256 challenge is the unpadded Base64url of a SHA-256, exactly
 * 43 characters (RFC 7636 §4.2); anything else can never match a valid verifier, so it is
 * refused here rather than at redemption.</li>
 * <li>{@code nonce}: at most {@value #MAX_NONCE} characters, what the code's row keeps for the ID
 * token (a POSTed authorization request could carry more).</li>
 * </ul>
 */
public final class AuthorizationRequestRules implements Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> {

	static final String RESPONSE_MODE = "response_mode";

	static final int MAX_NONCE = 10_000;

	private static final Pattern S256_CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

	private static final String ERROR_URI = "https://datatracker.ietf.org/doc/html/rfc6749#section-4.1.2.1";

	/** Spring Authorization Server's own checks of the redirect URI and scope, first. */
	private final Consumer<OAuth2AuthorizationCodeRequestAuthenticationContext> defaults =
			new OAuth2AuthorizationCodeRequestAuthenticationValidator();

	@Override
	public void accept(OAuth2AuthorizationCodeRequestAuthenticationContext context) {
		this.defaults.accept(context);
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		Object responseMode = request.getAdditionalParameters().get(RESPONSE_MODE);
		if (responseMode != null && !"query".equals(responseMode)) {
			throw refused(context, "response_mode: this server answers in the query only");
		}
		Object challenge = request.getAdditionalParameters().get(PkceParameterNames.CODE_CHALLENGE);
		if (challenge != null && !(challenge instanceof String text && S256_CHALLENGE.matcher(text).matches())) {
			throw refused(context, "code_challenge: an S256 challenge is 43 characters of Base64url");
		}
		Object nonce = request.getAdditionalParameters().get(OidcParameterNames.NONCE);
		if (nonce instanceof String text && text.length() > MAX_NONCE) {
			throw refused(context, "nonce: at most " + MAX_NONCE + " characters");
		}
	}

	/** An invalid_request redirected to the client's (validated) redirect URI, with its state. */
	private static OAuth2AuthorizationCodeRequestAuthenticationException refused(
			OAuth2AuthorizationCodeRequestAuthenticationContext context, String description) {
		OAuth2AuthorizationCodeRequestAuthenticationToken request = context.getAuthentication();
		String redirectUri = (request.getRedirectUri() != null) ? request.getRedirectUri()
				: context.getRegisteredClient().getRedirectUris().iterator().next();
		OAuth2AuthorizationCodeRequestAuthenticationToken result = new OAuth2AuthorizationCodeRequestAuthenticationToken(
				request.getAuthorizationUri(), request.getClientId(), (Authentication) request.getPrincipal(),
				redirectUri, request.getState(), request.getScopes(), request.getAdditionalParameters());
		return new OAuth2AuthorizationCodeRequestAuthenticationException(
				new OAuth2Error(OAuth2ErrorCodes.INVALID_REQUEST, description, ERROR_URI), result);
	}
}
