package dev.refreshserver.conformance;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingRequestWrapper;
import org.springframework.web.util.ContentCachingResponseWrapper;

import dev.refreshserver.protocol.DroppedResponse;
import dev.refreshserver.token.TokenResponseWriter;
import dev.refreshserver.token.UserInfoController;

/**
 * Watches the token endpoint (and grants minted through {@code /admin/grants}, and userinfo
 * requests, for what a client does with the tokens it was given) from outside:
 * around each request it notes the shape of what came in and what went out, and records one
 * {@link Observation} per request of a registered client. It runs before the endpoint's own
 * checks, so refused requests are seen too. Registered only while the control plane is on
 * ({@code refresh.admin.token}): in production the token endpoint does not pass through it.
 * Token values are hashed as soon as they are read; secrets are never kept, only whether and
 * where one was sent.
 */
public class TokenEndpointObserver extends OncePerRequestFilter {

	private static final int MAX_JSON_BODY = 64 * 1024;

	private static final int MAX_SCOPE = 200;

	private final ObservationLog log;

	private final Clock clock;

	private final Set<String> tokenPaths;

	private final String mintPath;

	private final Predicate<String> registered;

	private final JsonMapper json;

	/**
	 * @param tokenPaths every path the token endpoint answers on (its aliases included)
	 * @param mintPath where the admin API mints grants
	 * @param registered whether a client id names a registered client
	 */
	public TokenEndpointObserver(ObservationLog log, Clock clock, Set<String> tokenPaths, String mintPath,
			Predicate<String> registered, JsonMapper json) {
		this.log = log;
		this.clock = clock;
		this.tokenPaths = Set.copyOf(tokenPaths);
		this.mintPath = mintPath;
		this.registered = registered;
		this.json = json;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String path = RequestShapes.pathOf(request);
		return !this.tokenPaths.contains(path) && !isMint(request, path) && !UserInfoController.PATH.equals(path);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Instant start = this.clock.instant();
		HttpServletRequest observed = RequestShapes.isJson(request.getContentType())
				? new ContentCachingRequestWrapper(request, MAX_JSON_BODY) : request;
		ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
		try {
			chain.doFilter(observed, captured);
		}
		finally {
			try {
				observe(observed, captured, start, this.clock.instant());
			}
			catch (RuntimeException ex) {
				// an observation that cannot be made is left out; the client's response is what matters
				this.logger.debug("Request not observed: " + ex.getClass().getSimpleName());
			}
			captured.copyBodyToResponse();
		}
	}

	private void observe(HttpServletRequest request, ContentCachingResponseWrapper response, Instant start,
			Instant end) {
		if (UserInfoController.PATH.equals(RequestShapes.pathOf(request))) {
			observeUserInfo(request, response, start, end);
			return;
		}
		boolean mint = isMint(request, RequestShapes.pathOf(request));
		Map<String, String> parameters = parametersOf(request);
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		boolean basic = !mint && authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
		String clientId = basic ? RequestShapes.basicClientId(authorization) : parameters.get("client_id");
		if (clientId == null || !this.registered.test(clientId)) {
			return;
		}
		JsonNode body = bodyOf(response);
		boolean lost = Boolean.TRUE.equals(request.getAttribute(DroppedResponse.REQUEST_ATTRIBUTE));
		String delivered = lost ? null : TokenHashes.of(text(body, "refresh_token"));
		if (mint && (response.getStatus() != 200 || delivered == null)) {
			return;
		}
		int status = response.getStatus();
		String grantType = mint ? "admin_grant" : parameters.get("grant_type");
		boolean omitted = !lost && status == 200 && "refresh_token".equals(grantType) && delivered == null;
		Observation.Kind kind = mint ? Observation.Kind.MINTED_GRANT : Observation.Kind.TOKEN_REQUEST;
		String method = request.getMethod();
		String contentType = RequestShapes.mediaType(request.getContentType());
		String query = request.getQueryString();
		Set<String> credentialsInQuery = RequestShapes.credentialsInQuery(query);
		boolean parametersInQuery = query != null && !query.isEmpty();
		String authMethod = mint ? null : RequestShapes.authMethod(basic, parameters);
		BasicEncoding basicEncoding = basic ? BasicEncoding.of(authorization) : null;
		String presented = TokenHashes.of(parameters.get("refresh_token"));
		String scope = parameters.get("scope");
		String askedScope = (scope != null && scope.length() > MAX_SCOPE) ? scope.substring(0, MAX_SCOPE) + "..." : scope;
		String error = lost ? null : text(body, "error");
		Duration accessTokenLifetime = lost ? null : seconds(body, "expires_in");
		Duration retryAfter = RequestShapes.retryAfter(response);
		String deliveredAccessToken = lost ? null : TokenHashes.of(text(body, "access_token"));
		String idTokenFault = (String) request.getAttribute(TokenResponseWriter.ID_TOKEN_FAULT);
		this.log.record(clientId,
				(number) -> new Observation(number, kind, start, end, method, contentType, credentialsInQuery,
						parametersInQuery, authMethod, basicEncoding, grantType, presented, askedScope, status, error,
						delivered, omitted, accessTokenLifetime, retryAfter, lost, deliveredAccessToken, idTokenFault,
						null));
	}

	/**
	 * A userinfo request, attributed to the client its access token was issued to (which userinfo
	 * names once it has verified the token: an invalid token is nobody's request).
	 */
	private void observeUserInfo(HttpServletRequest request, HttpServletResponse response, Instant start,
			Instant end) {
		Object clientId = request.getAttribute(UserInfoController.CLIENT_ATTRIBUTE);
		if (!(clientId instanceof String client) || !this.registered.test(client)) {
			return;
		}
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		String token = (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7))
				? authorization.substring(7).trim() : parametersOf(request).get("access_token");
		this.log.record(client, (number) -> new Observation(number, Observation.Kind.USERINFO, start, end,
				request.getMethod(), RequestShapes.mediaType(request.getContentType()),
				RequestShapes.credentialsInQuery(request.getQueryString()),
				request.getQueryString() != null && !request.getQueryString().isEmpty(), null, null, null, null, null,
				response.getStatus(), null, null, false, null, null, false, null, null, TokenHashes.of(token)));
	}

	private boolean isMint(HttpServletRequest request, String path) {
		return this.mintPath.equals(path) && HttpMethod.POST.matches(request.getMethod());
	}

	/** The request's parameters wherever they came from (form body, query, JSON body); first value of each. */
	private Map<String, String> parametersOf(HttpServletRequest request) {
		Map<String, String> parameters = new LinkedHashMap<>();
		try {
			request.getParameterMap().forEach((name, values) -> parameters.put(name, values[0]));
		}
		catch (RuntimeException ex) {
			// parameters the container cannot decode: the endpoint refused them, the shape is still observed
		}
		if (request instanceof ContentCachingRequestWrapper cached) {
			JsonNode object = parse(cached.getContentAsByteArray());
			if (object != null && object.isObject()) {
				object.properties().forEach((member) -> {
					if (member.getValue().isValueNode()) {
						parameters.putIfAbsent(member.getKey(), member.getValue().asString());
					}
				});
			}
		}
		return parameters;
	}

	private JsonNode bodyOf(ContentCachingResponseWrapper response) {
		return RequestShapes.isJson(response.getContentType()) ? parse(response.getContentAsByteArray()) : null;
	}

	private JsonNode parse(byte[] bytes) {
		if (bytes.length == 0) {
			return null;
		}
		try {
			return this.json.readTree(bytes);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String text(JsonNode body, String name) {
		JsonNode value = (body != null) ? body.get(name) : null;
		return (value != null && value.isString()) ? value.asString() : null;
	}

	/** A number of seconds, sent as a JSON number or (as some profiles do) a string. */
	private static Duration seconds(JsonNode body, String name) {
		JsonNode value = (body != null) ? body.get(name) : null;
		if (value == null) {
			return null;
		}
		try {
			return Duration.ofSeconds(value.isNumber() ? value.asLong() : Long.parseLong(value.asString()));
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

}
