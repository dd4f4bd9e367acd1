package dev.refreshserver.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.apache.tomcat.util.http.InvalidParameterException;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.web.filter.OncePerRequestFilter;

import dev.refreshserver.profile.RequestRules;
import dev.refreshserver.profile.RequestRules.Encoding;

/**
 * Protocol hygiene for the token, revocation and introspection endpoints, before any client
 * authentication. By RFC 6749: POST only, parameters in a form body only (§3.2; never the
 * query string, where credentials end up in logs), no repeated parameter (§3.1) and one client
 * authentication method per request (§2.3). A profile's {@link RequestRules} may accept more
 * (a JSON body, query parameters, GET, a path alias); such a request is handed on as the
 * equivalent form POST. The rules are those of the requesting client's profile (the server's
 * profile for a client nobody configured): a request is read with what any profile in use
 * accepts, then judged by its client's rules. Every violation is a §5.2 error.
 */
public class TokenRequestFilter extends OncePerRequestFilter {

	/** The same limit as server.tomcat.max-http-form-post-size puts on a form body. */
	private static final int MAX_JSON_BODY = 64 * 1024;

	private final Map<String, String> endpoints;

	private final String tokenEndpoint;

	private final Function<String, RequestRules> rulesOfClient;

	private final RequestRules anyRules;

	private final OAuth2ErrorWriter errors;

	private final JsonMapper json;

	/**
	 * @param endpoints each served path mapped to the canonical endpoint path it stands for
	 * @param rulesOfClient the request rules of a client id (null when the request names none)
	 * @param anyRules what at least one client's rules accept ({@link RequestRules#anyOf})
	 */
	public TokenRequestFilter(Map<String, String> endpoints, String tokenEndpoint,
			Function<String, RequestRules> rulesOfClient, RequestRules anyRules, OAuth2ErrorWriter errors,
			JsonMapper json) {
		this.endpoints = endpoints;
		this.tokenEndpoint = tokenEndpoint;
		this.rulesOfClient = rulesOfClient;
		this.anyRules = anyRules;
		this.errors = errors;
		this.json = json.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
	}

	/** Every path this filter serves: the endpoints and the token endpoint's aliases. */
	public Set<String> endpoints() {
		return this.endpoints.keySet();
	}

	/** Every spelling of an endpoint's path reaches this filter, as it reaches the endpoint itself. */
	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.endpoints.containsKey(pathOf(request));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String path = pathOf(request);
		String endpoint = this.endpoints.get(path);
		boolean get = HttpMethod.GET.matches(request.getMethod());
		boolean getAllowed = endpoint.equals(this.tokenEndpoint) && !this.anyRules.requirePost();
		if (!HttpMethod.POST.matches(request.getMethod()) && !(get && getAllowed)) {
			writeMethodNotAllowed(response, getAllowed);
			return;
		}
		try {
			if (!request.getRequestURI().equals(request.getContextPath() + path)) {
				throw OAuth2Errors.invalidRequest(
						"The endpoint path must be written plainly: no percent-encoding, path parameters or trailing slash");
			}
			Map<String, String[]> parameters = get ? containerParameters(request) : bodyParameters(request);
			for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
				if (parameter.getValue().length > 1) {
					throw OAuth2Errors.invalidRequest("Parameter '" + parameter.getKey() + "' is repeated");
				}
			}
			RequestRules rules = this.rulesOfClient.apply(clientIdOf(request, parameters));
			if (get && rules.requirePost()) {
				writeMethodNotAllowed(response, false);
				return;
			}
			if (!path.equals(endpoint) && !rules.tokenPaths().contains(path)) {
				throw OAuth2Errors.invalidRequest("This client's token endpoint is " + endpoint);
			}
			if (rules.requireHttps() && !request.isSecure()) {
				throw OAuth2Errors.invalidRequest("HTTPS is required");
			}
			if (!get && hasQuery(request) && !rules.accepts(Encoding.QUERY)) {
				throw OAuth2Errors.invalidRequest(
						"Parameters must be sent in the request body, not in the query string");
			}
			if (!get && isJson(request.getContentType()) && !rules.accepts(Encoding.JSON)) {
				throw notForm();
			}
			boolean hideAuthorization = checkClientAuthentication(request, parameters, rules);
			boolean canonical = !get && !hideAuthorization && path.equals(endpoint) && isForm(request.getContentType())
					&& request.getQueryString() == null;
			chain.doFilter(canonical ? request : new TokenRequest(request, parameters, endpoint, hideAuthorization),
					response);
		}
		catch (RequestTooLargeException ex) {
			this.errors.write(response, HttpStatus.CONTENT_TOO_LARGE, ex.getError());
		}
		catch (OAuth2AuthenticationException ex) {
			this.errors.write(request, response, ex.getError());
		}
	}

	private void writeMethodNotAllowed(HttpServletResponse response, boolean getAllowed) throws IOException {
		response.setHeader(HttpHeaders.ALLOW, getAllowed ? "GET, POST" : "POST");
		this.errors.write(response, HttpStatus.METHOD_NOT_ALLOWED, OAuth2Errors
			.invalidRequest(getAllowed ? "This endpoint accepts GET and POST only" : "This endpoint accepts POST only")
			.getError());
	}

	/** The parameters of a POST, from wherever some profile in use lets them come. */
	private Map<String, String[]> bodyParameters(HttpServletRequest request) throws IOException {
		String contentType = request.getContentType();
		if (isForm(contentType)) {
			return containerParameters(request);
		}
		if (isJson(contentType) && this.anyRules.accepts(Encoding.JSON)) {
			Map<String, String[]> parameters = jsonParameters(request);
			if (hasQuery(request)) {
				containerParameters(request).forEach((name, values) -> parameters.merge(name, values,
						(body, query) -> new String[] { body[0], query[0] }));
			}
			return parameters;
		}
		if (hasQuery(request) && request.getContentLengthLong() <= 0) {
			return containerParameters(request);
		}
		throw notForm();
	}

	private static OAuth2AuthenticationException notForm() {
		return OAuth2Errors.invalidRequest("The request body must be application/x-www-form-urlencoded");
	}

	private static boolean hasQuery(HttpServletRequest request) {
		return request.getQueryString() != null && !request.getQueryString().isEmpty();
	}

	/**
	 * The client a request speaks for: the user name of its Basic credentials, else its
	 * client_id. One Authorization header at most, well-formed Basic credentials (RFC 6749
	 * §2.3.1: {@code id:secret}, each form-urlencoded, then Base64), and a client_id beside
	 * them must name the same client.
	 */
	private static String clientIdOf(HttpServletRequest request, Map<String, String[]> parameters) {
		Enumeration<String> headers = request.getHeaders(HttpHeaders.AUTHORIZATION);
		String authorization = headers.hasMoreElements() ? headers.nextElement() : null;
		if (headers.hasMoreElements()) {
			throw OAuth2Errors.invalidRequest("The Authorization header is repeated");
		}
		String[] clientId = parameters.get(OAuth2ParameterNames.CLIENT_ID);
		if (authorization == null || !isBasic(authorization)) {
			return (clientId != null) ? clientId[0] : null;
		}
		String basicClientId = basicClientId(authorization);
		if (clientId != null && !clientId[0].equals(basicClientId)) {
			throw OAuth2Errors.invalidRequest("client_id names another client than the Authorization header");
		}
		return basicClientId;
	}

	private static String basicClientId(String authorization) {
		try {
			String credentials = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
					StandardCharsets.UTF_8);
			int colon = credentials.indexOf(':');
			if (colon > 0 && colon < credentials.length() - 1) {
				URLDecoder.decode(credentials.substring(colon + 1), StandardCharsets.UTF_8); // must decode too
				return URLDecoder.decode(credentials.substring(0, colon), StandardCharsets.UTF_8);
			}
		}
		catch (IllegalArgumentException ex) {
			// not Base64, or broken percent-encoding: refused below
		}
		throw OAuth2Errors.error(OAuth2ErrorCodes.INVALID_CLIENT,
				"The Basic credentials are malformed: expected Base64 of client_id:client_secret");
	}

	private static boolean isBasic(String authorization) {
		return authorization.regionMatches(true, 0, "Basic ", 0, 6);
	}

	private static Map<String, String[]> containerParameters(HttpServletRequest request) {
		try {
			return new LinkedHashMap<>(request.getParameterMap());
		}
		catch (InvalidParameterException ex) {
			// Tomcat refused the body: over server.tomcat.max-http-form-post-size (413), more than
			// server.tomcat.max-parameter-count parameters, or broken percent-encoding
			if (ex.getErrorCode() == HttpStatus.CONTENT_TOO_LARGE.value()) {
				throw new RequestTooLargeException("The request body is too large");
			}
			throw OAuth2Errors.invalidRequest(
					"The parameters are not valid application/x-www-form-urlencoded, or too many");
		}
		catch (IllegalStateException ex) {
			// the container could not decode the parameters (e.g. broken percent-encoding)
			throw OAuth2Errors.invalidRequest("The parameters are not valid application/x-www-form-urlencoded");
		}
	}

	/** A JSON object of scalar members, as Webex's samples post it. */
	private Map<String, String[]> jsonParameters(HttpServletRequest request) throws IOException {
		InputStream body = request.getInputStream();
		byte[] bytes = body.readNBytes(MAX_JSON_BODY + 1);
		if (bytes.length > MAX_JSON_BODY) {
			throw new RequestTooLargeException("The request body is too large");
		}
		JsonNode object;
		try {
			object = this.json.readTree(bytes);
		}
		catch (JacksonException ex) {
			throw OAuth2Errors.invalidRequest("The request body is not valid JSON, or repeats a member");
		}
		if (object == null || !object.isObject()) {
			throw OAuth2Errors.invalidRequest("The request body must be a JSON object");
		}
		Map<String, String[]> parameters = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> member : object.properties()) {
			if (!member.getValue().isValueNode() || member.getValue().isNull()) {
				throw OAuth2Errors.invalidRequest("Parameter '" + member.getKey() + "' must be a string");
			}
			parameters.put(member.getKey(), new String[] { member.getValue().asString() });
		}
		return parameters;
	}

	/**
	 * One client authentication method per request, and only the ones the profile takes.
	 * @return whether the Authorization header is to be ignored (a profile's stray Bearer)
	 */
	private boolean checkClientAuthentication(HttpServletRequest request, Map<String, String[]> parameters,
			RequestRules rules) {
		String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
		boolean secretInBody = parameters.containsKey(OAuth2ParameterNames.CLIENT_SECRET);
		if (authorization != null && !isBasic(authorization)) {
			if (rules.ignoreBearerHeader() && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
				return true;
			}
			throw OAuth2Errors.error(OAuth2ErrorCodes.INVALID_CLIENT,
					"Client authentication supports the Basic scheme only");
		}
		if (authorization != null && secretInBody) {
			throw OAuth2Errors.invalidRequest(
					"Use exactly one client authentication method: the Authorization header or client_secret");
		}
		if (secretInBody && !rules.clientSecretInBody()) {
			throw OAuth2Errors.error(OAuth2ErrorCodes.INVALID_CLIENT,
					"Confidential clients must authenticate with the Authorization header");
		}
		return false;
	}

	/** The decoded, normalized path, as the endpoints match it, without a trailing slash. */
	private static String pathOf(HttpServletRequest request) {
		String pathInfo = request.getPathInfo();
		String path = (pathInfo != null) ? request.getServletPath() + pathInfo : request.getServletPath();
		return (path.length() > 1 && path.endsWith("/")) ? path.substring(0, path.length() - 1) : path;
	}

	private static boolean isForm(String contentType) {
		return is(MediaType.APPLICATION_FORM_URLENCODED, contentType);
	}

	private static boolean isJson(String contentType) {
		return is(MediaType.APPLICATION_JSON, contentType);
	}

	private static boolean is(MediaType expected, String contentType) {
		if (contentType == null) {
			return false;
		}
		try {
			return expected.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}
}
