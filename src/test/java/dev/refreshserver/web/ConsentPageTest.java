package dev.refreshserver.web;

import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.refreshserver.refresh.RefreshTokens;
import dev.refreshserver.support.Browser;
import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerTest;

import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A client configured with {@code require-consent: true} sends the signed-in user to the consent
 * page, which lists the requested scopes with what they allow; the scopes ticked there are the
 * ones granted, and approving none denies the request.
 */
class ConsentPageTest extends ServerTest {

	@Test
	void theConsentPageListsTheScopesAndGrantsOnlyTheApprovedOnes() throws Exception {
		String verifier = RefreshTokens.generate();
		HttpResponseView page = consentPage(verifier);

		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Allow <span>consent-client</span> access?")
			.contains("<code>read</code>")
			.contains("Read your data.")
			.contains("<code>write</code>")
			.contains("Change your data.")
			.contains("Signed in as <strong>alice</strong>");

		HttpResponseView approved = this.http.postForm("/oauth2/authorize",
				form("client_id", "consent-client", "state", stateOf(page), "scope", "read"), "Accept", "text/html");

		assertThat(approved.status()).as(approved.toString()).isEqualTo(302);
		Map<String, String> callback = Browser.queryOf(URI.create(approved.header("Location")));
		assertThat(callback.get("state")).isEqualTo("xyz");
		HttpResponseView tokens = this.http.postForm("/oauth2/token", form("grant_type", "authorization_code", "code",
				callback.get("code"), "redirect_uri", Browser.REDIRECT_URI, "client_id", "consent-client",
				"code_verifier", verifier));
		assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
		assertThat(tokens.field("scope")).isEqualTo("read");
	}

	@Test
	void approvingNoScopeDeniesTheRequest() throws Exception {
		HttpResponseView page = consentPage(RefreshTokens.generate());

		HttpResponseView denied = this.http.postForm("/oauth2/authorize",
				form("client_id", "consent-client", "state", stateOf(page)), "Accept", "text/html");

		assertThat(denied.status()).isEqualTo(302);
		assertThat(denied.header("Location")).startsWith(Browser.REDIRECT_URI + "?error=access_denied")
			.contains("state=xyz");
	}

	@Test
	void aClientWithoutRequireConsentIsNotAsked() throws Exception {
		HttpResponseView response = Browser.authorizeAndLogIn(this.http, Browser.authorizationRequest("demo-public",
				"read write", Browser.challenge(RefreshTokens.generate())));

		assertThat(response.header("Location")).startsWith(Browser.REDIRECT_URI + "?code=");
	}

	private HttpResponseView consentPage(String verifier) throws Exception {
		HttpResponseView toConsent = Browser.authorizeAndLogIn(this.http,
				Browser.authorizationRequest("consent-client", "read write", Browser.challenge(verifier)));
		assertThat(toConsent.header("Location")).contains(ConsentController.PATH + "?");
		return this.http.get(URI.create(toConsent.header("Location")).getRawPath() + "?"
				+ URI.create(toConsent.header("Location")).getRawQuery(), "Accept", "text/html");
	}

	private static String stateOf(HttpResponseView page) {
		Matcher state = Pattern.compile("name=\"state\" value=\"([^\"]+)\"").matcher(page.body());
		assertThat(state.find()).as(page.body()).isTrue();
		return state.group(1).replace("&#39;", "'").replace("&amp;", "&");
	}
}
