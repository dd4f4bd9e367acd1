package dev.refreshserver.store;

import java.security.Principal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.FactorGrantedAuthority;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.endpoint.PkceParameterNames;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationCode;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;

import dev.refreshserver.refresh.RefreshTokens;

/**
 * The authorizations of the code flow, in the database so that every instance sees them and none
 * is ever evicted: what Spring Authorization Server's authorization endpoint saves (the request,
 * its PKCE challenge, the user and the authorized scope) and what the code grant needs to redeem
 * the code. The code, and the state of a pending consent, are kept only as SHA-256. A redeemed
 * code stays, marked consumed with the family it opened, so that a replay can revoke the family.
 * The principal's {@code Authentication} object is not kept, only its name: nothing downstream
 * of the authorization endpoint reads more. Access and refresh tokens never come here.
 */
// A @Component, not a @Repository: JdbcTemplate already turns SQL errors into Spring's data
// access exceptions, and @Repository's translation proxy would wrap every call in reflection.
@Component
public class AuthorizationCodeStore implements OAuth2AuthorizationService {

	/** The attribute of a redeemed code's authorization that names the family the code opened. */
	public static final String FAMILY_ATTRIBUTE = "refresh_server.family_id";

	/** The attribute of a code's authorization that holds when its user logged in (an Instant). */
	private static final String AUTH_TIME_ATTRIBUTE = "refresh_server.auth_time";

	/** The attribute of a code's authorization that holds the claims its login brought (JSON). */
	private static final String LOGIN_CLAIMS_ATTRIBUTE = "refresh_server.login_claims";

	private static final OAuth2TokenType CODE = new OAuth2TokenType(OAuth2ParameterNames.CODE);

	private static final OAuth2TokenType STATE = new OAuth2TokenType(OAuth2ParameterNames.STATE);

	/** Token metadata carrying the stored hash of a loaded code, whose plaintext we no longer have. */
	private static final String CODE_HASH_METADATA = "refresh_server.code_hash";

	private static final String SELECT = """
			SELECT id, code_hash, client_id, principal_name, authorized_scope, authorization_uri, redirect_uri,
			       requested_scope, request_state, code_challenge, code_challenge_method, issued_at, expires_at,
			       consumed_at, family_id, nonce, auth_time, login_claims
			FROM authorization_code WHERE""";

	private static final String UPDATE = """
			UPDATE authorization_code SET code_hash = ?, state_hash = ?, client_id = ?, principal_name = ?,
			       authorized_scope = ?, authorization_uri = ?, redirect_uri = ?, requested_scope = ?,
			       request_state = ?, code_challenge = ?, code_challenge_method = ?, issued_at = ?, expires_at = ?,
			       nonce = ?, auth_time = ?, login_claims = ?
			WHERE id = ?""";

	private static final String INSERT = """
			INSERT INTO authorization_code (code_hash, state_hash, client_id, principal_name, authorized_scope,
			       authorization_uri, redirect_uri, requested_scope, request_state, code_challenge,
			       code_challenge_method, issued_at, expires_at, nonce, auth_time, login_claims, id)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	private final JdbcTemplate jdbc;

	private final RegisteredClientRepository clients;

	private final TransactionTemplate transactions;

	public AuthorizationCodeStore(JdbcTemplate jdbc, TransactionTemplate transactions,
			RegisteredClientRepository clients) {
		this.transactions = transactions;
		this.jdbc = jdbc;
		this.clients = clients;
	}

	/**
	 * Stores an authorization of the code flow: a pending consent (with its state) or an issued
	 * code. Saving never changes whether a code was consumed: only {@link #consume} does.
	 */
	@Override
	public void save(OAuth2Authorization authorization) {
		OAuth2AuthorizationRequest request = authorization.getAttribute(OAuth2AuthorizationRequest.class.getName());
		Assert.isTrue(AuthorizationGrantType.AUTHORIZATION_CODE.equals(authorization.getAuthorizationGrantType())
				&& request != null, "Only authorizations of the code flow are stored here");
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization
			.getToken(OAuth2AuthorizationCode.class);
		String state = authorization.getAttribute(OAuth2ParameterNames.STATE);
		Object[] columns = { (code != null) ? codeHash(code) : null, (state != null) ? RefreshTokens.hash(state) : null,
				authorization.getRegisteredClientId(), authorization.getPrincipalName(),
				String.join(" ", authorization.getAuthorizedScopes()), request.getAuthorizationUri(),
				request.getRedirectUri(), String.join(" ", request.getScopes()), request.getState(),
				request.getAdditionalParameters().get(PkceParameterNames.CODE_CHALLENGE),
				request.getAdditionalParameters().get(PkceParameterNames.CODE_CHALLENGE_METHOD),
				(code != null) ? RefreshTokenStore.millis(code.getToken().getIssuedAt()) : null,
				(code != null) ? RefreshTokenStore.millis(code.getToken().getExpiresAt()) : null,
				request.getAdditionalParameters().get(OidcParameterNames.NONCE),
				(code != null) ? RefreshTokenStore.millis(authTime(authorization, code.getToken().getIssuedAt())) : null,
				loginClaims(authorization), authorization.getId() };
		// a transaction, so that the code is durable before the redirect that carries it goes out
		this.transactions.executeWithoutResult((status) -> {
			if (this.jdbc.update(UPDATE, columns) == 0) {
				this.jdbc.update(INSERT, columns);
			}
		});
	}

	@Override
	public void remove(OAuth2Authorization authorization) {
		this.jdbc.update("DELETE FROM authorization_code WHERE id = ?", authorization.getId());
	}

	@Override
	public OAuth2Authorization findById(String id) {
		return find(" id = ?", id, null);
	}

	/** By authorization code or consent state; null for every other kind of token. */
	@Override
	public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
		Assert.hasText(token, "token cannot be empty");
		String hash = RefreshTokens.hash(token);
		if (CODE.equals(tokenType)) {
			return find(" code_hash = ?", hash, token);
		}
		if (STATE.equals(tokenType)) {
			return find(" state_hash = ?", hash, null);
		}
		if (tokenType == null) {
			OAuth2Authorization byCode = find(" code_hash = ?", hash, token);
			return (byCode != null) ? byCode : find(" state_hash = ?", hash, null);
		}
		return null;
	}

	/**
	 * Marks the code consumed, only if nobody has: the compare-and-set in the WHERE clause makes
	 * a code single use, since of concurrent redemptions the database lets one UPDATE change the
	 * row and the others, waiting on its lock, then find consumed_at set and change nothing.
	 * @return true when this call consumed the code
	 */
	public boolean consume(String id, Instant at) {
		return this.jdbc.update("UPDATE authorization_code SET consumed_at = ? WHERE id = ? AND consumed_at IS NULL",
				at.toEpochMilli(), id) == 1;
	}

	/** Records the family a consumed code opened, for a replay to revoke. */
	public void recordFamily(String id, String familyId) {
		this.jdbc.update("UPDATE authorization_code SET family_id = ? WHERE id = ?", familyId, id);
	}

	/** @param code the plaintext code when the lookup had it, else null */
	private OAuth2Authorization find(String where, String value, String code) {
		return this.jdbc.query(SELECT + where, (rs, row) -> authorization(rs, code), value)
			.stream()
			.filter(Objects::nonNull)
			.findFirst()
			.orElse(null);
	}

	private OAuth2Authorization authorization(ResultSet rs, String code) throws SQLException {
		RegisteredClient client = this.clients.findById(rs.getString("client_id"));
		if (client == null) {
			return null; // the client was removed from config/: its codes died with it
		}
		Map<String, Object> pkce = new HashMap<>();
		putIfPresent(pkce, PkceParameterNames.CODE_CHALLENGE, rs.getString("code_challenge"));
		putIfPresent(pkce, PkceParameterNames.CODE_CHALLENGE_METHOD, rs.getString("code_challenge_method"));
		putIfPresent(pkce, OidcParameterNames.NONCE, rs.getString("nonce"));
		OAuth2AuthorizationRequest request = OAuth2AuthorizationRequest.authorizationCode()
			.authorizationUri(rs.getString("authorization_uri"))
			.clientId(client.getClientId())
			.redirectUri(rs.getString("redirect_uri"))
			.scopes(RefreshTokenStore.scope(rs.getString("requested_scope")))
			.state(rs.getString("request_state"))
			.additionalParameters(pkce)
			.build();
		OAuth2Authorization.Builder authorization = OAuth2Authorization.withRegisteredClient(client)
			.id(rs.getString("id"))
			.principalName(rs.getString("principal_name"))
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(RefreshTokenStore.scope(rs.getString("authorized_scope")))
			.attribute(OAuth2AuthorizationRequest.class.getName(), request);
		String codeHash = rs.getString("code_hash");
		if (codeHash != null) {
			OAuth2AuthorizationCode token = new OAuth2AuthorizationCode((code != null) ? code : codeHash,
					RefreshTokenStore.instant(rs, "issued_at"), RefreshTokenStore.instant(rs, "expires_at"));
			boolean consumed = RefreshTokenStore.instant(rs, "consumed_at") != null;
			authorization.token(token, (metadata) -> {
				metadata.put(OAuth2Authorization.Token.INVALIDATED_METADATA_NAME, consumed);
				metadata.put(CODE_HASH_METADATA, codeHash);
			});
		}
		Instant authTime = RefreshTokenStore.instant(rs, "auth_time");
		if (authTime != null) {
			authorization.attribute(AUTH_TIME_ATTRIBUTE, authTime);
		}
		if (rs.getString("login_claims") != null) {
			authorization.attribute(LOGIN_CLAIMS_ATTRIBUTE, rs.getString("login_claims"));
		}
		if (rs.getString("family_id") != null) {
			authorization.attribute(FAMILY_ATTRIBUTE, rs.getString("family_id"));
		}
		return authorization.build();
	}

	/** The login behind a code: when its user logged in, and the claims a dev-mode login brought. */
	public static FamilyLogin loginOf(OAuth2Authorization authorization) {
		Instant authTime = authorization.getAttribute(AUTH_TIME_ATTRIBUTE);
		OAuth2Authorization.Token<OAuth2AuthorizationCode> code = authorization.getToken(OAuth2AuthorizationCode.class);
		return new FamilyLogin((authTime != null || code == null) ? authTime : code.getToken().getIssuedAt(),
				authorization.getAttribute(LOGIN_CLAIMS_ATTRIBUTE));
	}

	/** The claims the principal's login brought ({@link LoginClaims} in its details), or null. */
	private static String loginClaims(OAuth2Authorization authorization) {
		Authentication principal = authorization.getAttribute(Principal.class.getName());
		return (principal != null && principal.getDetails() instanceof LoginClaims claims) ? claims.json() : null;
	}

	/**
	 * When the user of a code logged in: the latest authentication factor Spring Security recorded
	 * for them (as Spring Authorization Server reads {@code auth_time}), but never after the code was
	 * issued. Spring Security stamps a factor with the system clock; when the server clock runs
	 * behind it, the code's issue time is the truer bound.
	 */
	private static Instant authTime(OAuth2Authorization authorization, Instant codeIssuedAt) {
		Authentication principal = authorization.getAttribute(Principal.class.getName());
		Instant loggedIn = (principal == null) ? null : principal.getAuthorities()
			.stream()
			.filter(FactorGrantedAuthority.class::isInstance)
			.map((factor) -> ((FactorGrantedAuthority) factor).getIssuedAt())
			.max(Instant::compareTo)
			.orElse(null);
		return (loggedIn != null && loggedIn.isBefore(codeIssuedAt)) ? loggedIn : codeIssuedAt;
	}

	private static String codeHash(OAuth2Authorization.Token<OAuth2AuthorizationCode> code) {
		String stored = (String) code.getMetadata(CODE_HASH_METADATA);
		return (stored != null) ? stored : RefreshTokens.hash(code.getToken().getTokenValue());
	}

	private static void putIfPresent(Map<String, Object> map, String name, String value) {
		if (value != null) {
			map.put(name, value);
		}
	}
}
