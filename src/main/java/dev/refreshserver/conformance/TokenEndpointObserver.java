package dev.refreshserver.conformance;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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
import org.springframework.http.MediaType;
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

	/** What must never travel in a query string: secrets, tokens, codes. */
	private static final Set<String> CREDENTIALS = Set.of("client_secret", "refresh_token", "access_token", "code",
			"code_verifier", "client_assertion", "password", "token", "id_token_hint");

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
		String path = pathOf(request);
		return !this.tokenPaths.contains(path) && !isMint(request, path) && !UserInfoController.PATH.equals(path);
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Instant start = this.clock.instant();
		HttpServletRequest observed = isJson(request.getContentType())
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
		if (UserInfoController.PATH.equals(pathOf(request))) {
			observeUserInfo(request, response, start, end);
			return;
		}
		boolean mint = isMint(request, pathOf(request));
		Map<String, String> parameters = parametersOf(request);
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		boolean basic = !mint && authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
		String clientId = basic ? basicClientId(authorization) : parameters.get("client_id");
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
		boolean refreshSucceeded = !lost && status == 200 && "refresh_token".equals(grantType);
		Observation.Kind kind = mint ? Observation.Kind.MINTED_GRANT : Observation.Kind.TOKEN_REQUEST;
		String scope = parameters.get("scope");
		this.log.record(clientId, (number) -> new Observation(number, kind, start, end, request.getMethod(),
				mediaType(request.getContentType()), credentialsInQuery(request.getQueryString()),
				request.getQueryString() != null && !request.getQueryString().isEmpty(),
				mint ? null : authMethod(basic, parameters), basic ? BasicEncoding.of(authorization) : null, grantType,
				TokenHashes.of(parameters.get("refresh_token")),
				(scope != null && scope.length() > MAX_SCOPE) ? scope.substring(0, MAX_SCOPE) + "..." : scope, status,
				lost ? null : text(body, "error"), delivered, refreshSucceeded && delivered == null,
				lost ? null : seconds(body, "expires_in"), retryAfter(response), lost,
				lost ? null : TokenHashes.of(text(body, "access_token")),
				(String) request.getAttribute(TokenResponseWriter.ID_TOKEN_FAULT), null));
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
				request.getMethod(), mediaType(request.getContentType()), credentialsInQuery(request.getQueryString()),
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
		return isJson(response.getContentType()) ? parse(response.getContentAsByteArray()) : null;
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

	private static Duration retryAfter(HttpServletResponse response) {
		String value = response.getHeader(HttpHeaders.RETRY_AFTER);
		try {
			return (value != null) ? Duration.ofSeconds(Long.parseLong(value.trim())) : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static String authMethod(boolean basic, Map<String, String> parameters) {
		if (basic) {
			return "client_secret_basic";
		}
		if (parameters.containsKey("client_secret")) {
			return "client_secret_post";
		}
		return parameters.containsKey("client_id") ? "none" : null;
	}

	/** The client id of Basic credentials (form-decoded, as client authentication reads it), or null. */
	private static String basicClientId(String authorization) {
		try {
			String credentials = new String(java.util.Base64.getDecoder().decode(authorization.substring(6).trim()),
					StandardCharsets.UTF_8);
			int colon = credentials.indexOf(':');
			return (colon > 0) ? URLDecoder.decode(credentials.substring(0, colon), StandardCharsets.UTF_8) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/** Names of credentials in a query string; values are never looked at beyond the name. */
	private static Set<String> credentialsInQuery(String query) {
		Set<String> names = new TreeSet<>();
		if (query == null) {
			return names;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			try {
				String name = URLDecoder.decode((equals < 0) ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
				if (CREDENTIALS.contains(name)) {
					names.add(name);
				}
			}
			catch (IllegalArgumentException ex) {
				// an undecodable name is no credential name
			}
		}
		return names;
	}

	private static String mediaType(String contentType) {
		if (contentType == null) {
			return null;
		}
		int semicolon = contentType.indexOf(';');
		String type = ((semicolon < 0) ? contentType : contentType.substring(0, semicolon)).trim();
		return (type.length() > 100) ? type.substring(0, 100) : type;
	}

	private static boolean isJson(String contentType) {
		try {
			return contentType != null
					&& MediaType.APPLICATION_JSON.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** The decoded path as the endpoints match it, without a trailing slash. */
	private static String pathOf(HttpServletRequest request) {
		String pathInfo = request.getPathInfo();
		String path = (pathInfo != null) ? request.getServletPath() + pathInfo : request.getServletPath();
		return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
	}
}
