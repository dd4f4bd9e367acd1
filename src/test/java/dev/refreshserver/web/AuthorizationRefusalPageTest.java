package dev.refreshserver.web;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way an authorization request is refused before the server may redirect to the client
 * gets a 400 page that names the one check that failed (and nothing is redirected).
 */
class AuthorizationRefusalPageTest extends ServerTest {

	private static final String CALLBACK = "http%3A%2F%2F127.0.0.1%3A8080%2Fcallback";

	private static final String VALID = "response_type=code&client_id=demo-public&redirect_uri=" + CALLBACK
			+ "&scope=read&state=xyz&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&code_challenge_method=S256";

	static Stream<Arguments> refusals() {
		return Stream.of(
				Arguments.of("client_id=demo-public&redirect_uri=" + CALLBACK, "response_type is missing."),
				Arguments.of(VALID + "&response_type=code", "response_type is given 2 times."),
				Arguments.of(VALID.replace("response_type=code", "response_type=token"),
						"response_type token is not supported."),
				Arguments.of("response_type=code&redirect_uri=" + CALLBACK, "client_id is missing."),
				Arguments.of(VALID + "&client_id=demo-client", "client_id is given 2 times."),
				Arguments.of(VALID.replace("client_id=demo-public", "client_id=nope"), "client_id nope is not registered."),
				Arguments.of(VALID.replace("client_id=demo-public", "client_id=other-client"),
						"client_id other-client is not registered for the authorization code grant."),
				Arguments.of(VALID + "&redirect_uri=" + CALLBACK, "redirect_uri is given 2 times."),
				Arguments.of(VALID.replace(CALLBACK, "http%3A%2F%2Fx.example%2Fcb"),
						"redirect_uri http://x.example/cb is not registered for demo-public."),
				Arguments.of(VALID.replace(CALLBACK, CALLBACK + "%23fragment"),
						"redirect_uri http://127.0.0.1:8080/callback#fragment is not an absolute URI without a fragment."),
				Arguments.of(VALID.replace("client_id=demo-public", "client_id=two-redirects-client")
					.replace("&redirect_uri=" + CALLBACK, ""),
						"redirect_uri is missing, and two-redirects-client has several registered: the request must name one."),
				Arguments.of(VALID.replace("&redirect_uri=" + CALLBACK, "").replace("scope=read", "scope=openid"),
						"redirect_uri is missing, and an OpenID Connect request (scope openid) must give it."),
				Arguments.of(VALID + "&scope=write", "scope is given 2 times."),
				Arguments.of(VALID + "&state=abc", "state is given 2 times."),
				Arguments.of(VALID + "&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
						"code_challenge is given 2 times."),
				Arguments.of(VALID + "&code_challenge_method=S256", "code_challenge_method is given 2 times."),
				Arguments.of(VALID.replace("scope=read", "scope=openid") + "&prompt=login&prompt=none",
						"prompt is given 2 times."),
				Arguments.of("client_id=demo-public&request_uri=urn%3Aa&request_uri=urn%3Ab", "request_uri is given 2 times."));
	}

	@ParameterizedTest
	@MethodSource("refusals")
	void theRefusalPageNamesTheCheckThatFailed(String query, String reason) {
		HttpResponseView response = this.http.get("/oauth2/authorize?" + query, "Accept", "text/html");

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.header("Location")).isNull();
		assertThat(response.header("Content-Type")).startsWith("text/html");
		assertThat(reasonOf(response.body())).isEqualTo(reason);
		assertThat(response.body()).contains("<title>Authorization request refused").doesNotContain("Whitelabel");
	}

	@Test
	void inDevModeAnUnregisteredRedirectUriPageListsTheRegisteredOnes() {
		HttpResponseView response = this.http.get("/oauth2/authorize?"
				+ VALID.replace("client_id=demo-public", "client_id=two-redirects-client")
					.replace(CALLBACK, "http%3A%2F%2Fx.example%2Fcb"), "Accept", "text/html");

		assertThat(registeredOf(response.body())).containsExactlyInAnyOrder("http://127.0.0.1:8080/callback",
				"http://127.0.0.1:8080/other-callback");
	}

	@Test
	void inDevModeAClientWithoutTheCodeGrantPageListsItsGrantTypes() {
		HttpResponseView response = this.http.get(
				"/oauth2/authorize?" + VALID.replace("client_id=demo-public", "client_id=other-client"), "Accept",
				"text/html");

		assertThat(registeredOf(response.body())).containsExactly("refresh_token");
	}

	@Test
	void aRefusalThatCanGoBackToTheClientIsStillARedirect() {
		HttpResponseView response = this.http.get("/oauth2/authorize?" + VALID.replace("scope=read", "scope=admin"),
				"Accept", "text/html");

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.header("Location")).startsWith("http://127.0.0.1:8080/callback?error=invalid_scope")
			.contains("state=xyz");
	}

	/** The text of the page's reason paragraph, tags removed and spaces collapsed. */
	static String reasonOf(String body) {
		Matcher reason = Pattern.compile("<p id=\"refusal-reason\">(.*?)</p>", Pattern.DOTALL).matcher(body);
		assertThat(reason.find()).as(body).isTrue();
		return reason.group(1).replaceAll("<[^>]+>", "").replaceAll("\\s+", " ").replace(" .", ".").trim()
			.replace("&amp;", "&");
	}

	private static List<String> registeredOf(String body) {
		Matcher list = Pattern.compile("<ul id=\"registered\">(.*?)</ul>", Pattern.DOTALL).matcher(body);
		assertThat(list.find()).as(body).isTrue();
		return Pattern.compile("<code>([^<]+)</code>").matcher(list.group(1)).results().map((match) -> match.group(1))
			.toList();
	}
}
