package dev.refreshserver.token;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.nimbusds.jwt.JWTClaimsSet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

import dev.refreshserver.protocol.NoStore;
import dev.refreshserver.protocol.OAuth2ErrorWriter;
import dev.refreshserver.store.RefreshTokenStore;

/**
 * {@code GET}/{@code POST /userinfo} (OpenID Connect Core §5.3): the claims about the user of an
 * access token granted {@code openid}, as far as its scope releases them ({@link UserClaims}). The
 * token is an RFC 6750 bearer token; one that is invalid, expired on the server clock or of a
 * revoked family gets 401 {@code invalid_token}, as introspection would call it inactive.
 */
@RestController
public class UserInfoController {

	public static final String PATH = "/userinfo";

	/** Set on a request whose access token verified: the client it was issued to, for observers at the HTTP edge. */
	public static final String CLIENT_ATTRIBUTE = UserInfoController.class.getName() + ".client_id";

	private static final String REALM = "realm=\"refresh-server\"";

	private final ActiveAccessTokens accessTokens;

	private final UserClaims users;

	private final OAuth2ErrorWriter errors;

	private final JsonMapper json;

	private final RefreshTokenStore families;

	public UserInfoController(ActiveAccessTokens accessTokens, UserClaims users, OAuth2ErrorWriter errors,
			JsonMapper json, RefreshTokenStore families) {
		this.families = families;
		this.accessTokens = accessTokens;
		this.users = users;
		this.errors = errors;
		this.json = json;
	}

	@RequestMapping(path = PATH, method = { RequestMethod.GET, RequestMethod.POST })
	public void userInfo(HttpServletRequest request, HttpServletResponse response) throws IOException {
		String token;
		try {
			token = BearerToken.of(request);
		}
		catch (BearerToken.Refused ex) {
			refuse(response, HttpStatus.BAD_REQUEST, ex.error(), ex.getMessage(), "");
			return;
		}
		if (token == null) {
			// RFC 6750 §3.1: a request without credentials gets the challenge without an error code
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer " + REALM);
			this.errors.write(response, HttpStatus.UNAUTHORIZED,
					new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN, "An access token is required", null));
			return;
		}
		Optional<JWTClaimsSet> claims = this.accessTokens.claims(token);
		if (claims.isEmpty()) {
			refuse(response, HttpStatus.UNAUTHORIZED, OAuth2ErrorCodes.INVALID_TOKEN,
					"The access token is invalid, expired or revoked", "");
			return;
		}
		if (claims.get().getClaim("client_id") instanceof String clientId) {
			request.setAttribute(CLIENT_ATTRIBUTE, clientId);
		}
		Set<String> scope = scopeOf(claims.get());
		if (!scope.contains(OidcScopes.OPENID)) {
			refuse(response, HttpStatus.FORBIDDEN, OAuth2ErrorCodes.INSUFFICIENT_SCOPE,
					"The access token was not granted the openid scope", ", scope=\"openid\"");
			return;
		}
		Object familyId = claims.get().getClaim(AccessTokens.FAMILY_CLAIM);
		Map<String, Object> userInfo = this.users.of(claims.get().getSubject(), scope,
				(familyId != null) ? loginClaims(familyId.toString()) : null);
		response.setStatus(HttpStatus.OK.value());
		NoStore.apply(response);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getOutputStream().write(this.json.writeValueAsBytes(userInfo));
	}

	/** The claims the family's login brought (a dev-mode login as anyone), or null. */
	private String loginClaims(String familyId) {
		return this.families.find(familyId).map((stored) -> stored.login().claims()).orElse(null);
	}

	/** RFC 6750 §3: the error in {@code WWW-Authenticate}, and as RFC 6749 JSON in the body. */
	private void refuse(HttpServletResponse response, HttpStatus status, String error, String description,
			String extra) throws IOException {
		response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer " + REALM + ", error=\"" + error
				+ "\", error_description=\"" + description + "\"" + extra);
		this.errors.write(response, status, new OAuth2Error(error, description, null));
	}

	private static Set<String> scopeOf(JWTClaimsSet claims) {
		Object scope = claims.getClaim("scope");
		return (scope instanceof String text) ? Arrays.stream(text.split(" ")).collect(Collectors.toSet()) : Set.of();
	}
}
