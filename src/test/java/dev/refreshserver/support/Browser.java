package dev.refreshserver.support;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The browser part of the authorization code flow, as a user walks it: authorize, log in as the
 * dev user (once per session, which the {@link ServerHttp}'s cookies keep), and follow the
 * redirect back to the client with a code.
 */
public final class Browser {

	public static final String REDIRECT_URI = "http://127.0.0.1:8080/callback";

	private Browser() {
	}

	/** Authorizes with PKCE (S256 of {@code verifier}) and state {@code xyz}; returns the code. */
	public static String authorize(ServerHttp http, String clientId, String scope, String verifier)
			throws Exception {
		return authorize(http, http, clientId, scope, verifier);
	}

	/**
	 * As {@link #authorize(ServerHttp, String, String, String)}, but the browser posts the login
	 * form to {@code loginPostedTo} (the same browser at another instance, see
	 * {@link ServerHttp#sameBrowserAt}) and follows redirects wherever they point.
	 */
	public static String authorize(ServerHttp http, ServerHttp loginPostedTo, String clientId, String scope,
			String verifier) throws Exception {
		Map<String, String> parameters = authorizationRequest(clientId, scope, challenge(verifier));
		URI callback = URI.create(authorizeAndLogIn(http, loginPostedTo, parameters).header("Location"));
		assertThat(callback.toString()).startsWith(REDIRECT_URI);
		Map<String, String> query = queryOf(callback);
		assertThat(query.get("state")).isEqualTo("xyz");
		assertThat(query).containsKey("code");
		return query.get("code");
	}

	public static Map<String, String> authorizationRequest(String clientId, String scope, String challenge) {
		Map<String, String> parameters = form("response_type", "code", "client_id", clientId, "redirect_uri",
				REDIRECT_URI, "state", "xyz", "code_challenge", challenge, "code_challenge_method", "S256");
		if (scope != null) {
			parameters.put("scope", scope);
		}
		return parameters;
	}

	/** The authorization endpoint's answer to a logged-in user: the redirect back to the client. */
	public static HttpResponseView authorizeAndLogIn(ServerHttp http, Map<String, String> parameters) {
		return authorizeAndLogIn(http, http, parameters);
	}

	private static HttpResponseView authorizeAndLogIn(ServerHttp http, ServerHttp loginPostedTo,
			Map<String, String> parameters) {
		String authorize = "/oauth2/authorize?" + ServerHttp.encode(parameters);
		HttpResponseView response = http.get(authorize, "Accept", "text/html");
		assertThat(response.status()).as(response.toString()).isEqualTo(302);
		if (!response.header("Location").endsWith("/login")) {
			return response;
		}
		HttpResponseView loginPage = http.get("/login", "Accept", "text/html");
		Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(loginPage.body());
		assertThat(csrf.find()).as(loginPage.body()).isTrue();
		HttpResponseView loggedIn = loginPostedTo.postForm("/login",
				form("username", "alice", "password", "alice-password", "_csrf", csrf.group(1)), "Accept",
				"text/html");
		assertThat(loggedIn.status()).isEqualTo(302);
		HttpResponseView backToClient = http.get(loggedIn.header("Location"), "Accept", "text/html");
		assertThat(backToClient.status()).as(backToClient.toString()).isEqualTo(302);
		return backToClient;
	}

	public static String challenge(String verifier) throws Exception {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
	}

	public static Map<String, String> queryOf(URI uri) {
		Map<String, String> query = new LinkedHashMap<>();
		for (String pair : uri.getRawQuery().split("&")) {
			String[] parts = pair.split("=", 2);
			query.put(parts[0], URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
		}
		return query;
	}
}
