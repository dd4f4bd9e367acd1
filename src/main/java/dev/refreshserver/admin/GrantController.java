package dev.refreshserver.admin;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.refreshserver.protocol.OAuth2Errors;
import dev.refreshserver.refresh.GrantIssuer;
import dev.refreshserver.refresh.IssuedTokens;
import dev.refreshserver.refresh.RefreshPolicies;
import dev.refreshserver.refresh.RefreshPolicy;
import dev.refreshserver.refresh.RefreshTokenFormat;
import dev.refreshserver.refresh.RefreshTokens;
import dev.refreshserver.store.RefreshState;
import dev.refreshserver.store.RefreshTokenStore;
import dev.refreshserver.store.TokenFamily;
import dev.refreshserver.token.IdTokens;
import dev.refreshserver.token.TokenResponseWriter;

/**
 * Mints grants without the browser flow: {@code POST /admin/grants} answers exactly as a
 * completed authorization code flow would; {@code POST /admin/grants/bulk} fills the store
 * with families whose tokens nobody holds (for measuring cost as the store grows).
 */
@RestController
@RequestMapping("/admin/grants")
public class GrantController {

	static final int MAX_BULK = 1_000_000;

	private static final int BULK_BATCH = 10_000;

	private final RegisteredClientRepository clients;

	private final GrantIssuer grants;

	private final RefreshTokenStore store;

	private final RefreshPolicies policies;

	private final TokenResponseWriter tokenResponses;

	private final Clock clock;

	public GrantController(RegisteredClientRepository clients, GrantIssuer grants, RefreshTokenStore store,
			RefreshPolicies policies, TokenResponseWriter tokenResponses, Clock clock) {
		this.clients = clients;
		this.grants = grants;
		this.store = store;
		this.policies = policies;
		this.tokenResponses = tokenResponses;
		this.clock = clock;
	}

	@PostMapping
	public void mint(HttpServletRequest request, HttpServletResponse response) throws IOException {
		RegisteredClient client = refreshableClient(request);
		IssuedTokens tokens = this.grants.open(client, subject(request), grantedScope(client, request));
		this.tokenResponses.write(response, client, tokens.accessToken(), tokens.refreshToken(), tokens.idToken());
	}

	@PostMapping("/bulk")
	public Map<String, Integer> bulk(HttpServletRequest request) {
		int count;
		try {
			count = Integer.parseInt(required(request, "count"));
		}
		catch (NumberFormatException ex) {
			count = 0;
		}
		if (count < 1 || count > MAX_BULK) {
			throw OAuth2Errors.invalidRequest("count must be a number between 1 and " + MAX_BULK);
		}
		RegisteredClient client = refreshableClient(request);
		Set<String> granted = grantedScope(client, request);
		String owner = subject(request);
		RefreshPolicy policy = this.policies.forClient(client.getClientId());
		for (int done = 0; done < count; done += BULK_BATCH) {
			int size = Math.min(BULK_BATCH, count - done);
			List<TokenFamily> families = new ArrayList<>(size);
			List<RefreshState> tokens = new ArrayList<>(size);
			Instant now = this.clock.instant();
			for (int i = 0; i < size; i++) {
				TokenFamily family = new TokenFamily(RefreshTokenFormat.newFamilyId(), client.getClientId(), owner, granted,
						now, policy.familyExpiry(now), null);
				families.add(family);
				tokens.add(RefreshState.first(GrantIssuer.FIRST_GENERATION, RefreshTokens.hash(RefreshTokens.generate()),
						now, policy.refreshTokenExpiry(now, family.expiresAt())));
			}
			this.store.openAll(families, tokens);
		}
		return Map.of("created", count);
	}


	private RegisteredClient refreshableClient(HttpServletRequest request) {
		RegisteredClient client = this.clients.findByClientId(required(request, "client_id"));
		if (client == null) {
			throw OAuth2Errors.error(OAuth2ErrorCodes.INVALID_REQUEST, "Unknown client_id");
		}
		if (!client.getAuthorizationGrantTypes().contains(AuthorizationGrantType.REFRESH_TOKEN)) {
			throw OAuth2Errors.unauthorizedClient(AuthorizationGrantType.REFRESH_TOKEN.getValue());
		}
		return client;
	}

	private static Set<String> grantedScope(RegisteredClient client, HttpServletRequest request) {
		String scope = optional(request, "scope");
		if (scope == null || scope.isBlank()) {
			return IdTokens.impliedScope(client.getScopes());
		}
		Set<String> requested = new LinkedHashSet<>(Arrays.asList(scope.trim().split(" +")));
		if (!client.getScopes().containsAll(requested)) {
			throw OAuth2Errors.invalidScope();
		}
		return requested;
	}

	private static String subject(HttpServletRequest request) {
		String subject = required(request, "subject");
		if (subject.length() > TokenFamily.MAX_SUBJECT_LENGTH) {
			throw OAuth2Errors.invalidRequest("subject is longer than " + TokenFamily.MAX_SUBJECT_LENGTH + " characters");
		}
		return subject;
	}

	private static String required(HttpServletRequest request, String name) {
		return new AdminParameters(request).required(name);
	}

	private static String optional(HttpServletRequest request, String name) {
		return new AdminParameters(request).optional(name);
	}
}
