package bench.baseline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Principal;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.keygen.Base64StringKeyGenerator;
import org.springframework.security.crypto.keygen.StringKeyGenerator;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bench plumbing only: mints a grant (what a completed authorization_code flow would have stored) directly in
 * the stock {@link OAuth2AuthorizationService}, same request/response shape as Refresh Server's
 * {@code POST /admin/grants}. Tokens are generated the way SAS's default generators do (96 random bytes,
 * base64url). The refresh path under test is untouched stock SAS.
 */
@RestController
class AdminController {

	private final RegisteredClientRepository clients;

	private final OAuth2AuthorizationService authorizations;

	private final byte[] adminToken;

	private final StringKeyGenerator tokenGenerator = new Base64StringKeyGenerator(
			Base64.getUrlEncoder().withoutPadding(), 96);

	AdminController(RegisteredClientRepository clients, OAuth2AuthorizationService authorizations,
			@Value("${baseline.admin-token:}") String adminToken) {
		this.clients = clients;
		this.authorizations = authorizations;
		this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
	}

	@GetMapping("/admin/health")
	Map<String, String> health() {
		return Map.of("status", "UP");
	}

	@PostMapping("/admin/grants")
	ResponseEntity<?> mint(@RequestHeader(value = "Authorization", required = false) String authorization,
			@RequestParam("client_id") String clientId, @RequestParam("subject") String subject,
			@RequestParam(value = "scope", required = false) String scope) {
		if (this.adminToken.length == 0 || authorization == null || !MessageDigest.isEqual(this.adminToken,
				authorization.replaceFirst("^Bearer ", "").getBytes(StandardCharsets.UTF_8))) {
			return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
		}
		RegisteredClient client = this.clients.findByClientId(clientId);
		if (client == null) {
			return ResponseEntity.badRequest().body(Map.of("error", "invalid_client"));
		}
		Set<String> scopes = new LinkedHashSet<>(
				scope == null || scope.isBlank() ? client.getScopes() : List.of(scope.trim().split("\\s+")));
		Instant now = Instant.now();
		OAuth2AccessToken access = new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER,
				this.tokenGenerator.generateKey(), now,
				now.plus(client.getTokenSettings().getAccessTokenTimeToLive()), scopes);
		OAuth2RefreshToken refresh = new OAuth2RefreshToken(this.tokenGenerator.generateKey(), now,
				now.plus(client.getTokenSettings().getRefreshTokenTimeToLive()));
		List<GrantedAuthority> authorities = List.of(new SimpleGrantedAuthority("ROLE_USER"));
		User user = new User(subject, "", authorities);
		UsernamePasswordAuthenticationToken principal = UsernamePasswordAuthenticationToken.authenticated(user,
				null, authorities);
		OAuth2Authorization grant = OAuth2Authorization.withRegisteredClient(client)
			.principalName(subject)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.authorizedScopes(scopes)
			.attribute(Principal.class.getName(), principal)
			.accessToken(access)
			.refreshToken(refresh)
			.build();
		this.authorizations.save(grant);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", access.getTokenValue());
		body.put("refresh_token", refresh.getTokenValue());
		body.put("token_type", "Bearer");
		body.put("expires_in", client.getTokenSettings().getAccessTokenTimeToLive().toSeconds());
		body.put("scope", String.join(" ", scopes));
		return ResponseEntity.ok(body);
	}
}
