package dev.refreshserver;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.ServerTest;

import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/** The metadata lists exactly what the server does, and the server does what it lists. */
class AuthorizationServerMetadataTest extends ServerTest {

	private static final String REDIRECT_URI = "http://127.0.0.1:8080/callback";

	private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

	@Test
	void metadataClaimsTheIdTokensAlgorithmAndOnlyTheQueryResponseMode() {
		for (String path : List.of("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration")) {
			JsonNode metadata = this.http.get(path).json();

			assertThat(metadata.get("id_token_signing_alg_values_supported").toString()).as(path)
				.isEqualTo("[\"RS256\"]");
			assertThat(metadata.get("response_modes_supported").toString()).as(path).isEqualTo("[\"query\"]");
			assertThat(metadata.get("response_types_supported").toString()).as(path).isEqualTo("[\"code\"]");
		}
		assertThat(this.http.get("/.well-known/openid-configuration").body())
			.isEqualTo(this.http.get("/.well-known/oauth-authorization-server").body());
	}

	@ParameterizedTest
	@ValueSource(strings = { "fragment", "form_post", "query.jwt", "" })
	void aResponseModeOtherThanQueryIsRefusedInTheQuery(String responseMode) {
		HttpResponseView response = authorize(responseMode);

		assertThat(response.status()).as(response.toString()).isEqualTo(302);
		assertThat(response.header("Location")).startsWith(REDIRECT_URI + "?")
			.contains("error=invalid_request")
			.contains("state=xyz")
			.doesNotContain("code=")
			.doesNotContain("#");
	}

	@Test
	void theQueryResponseModeIsAccepted() {
		HttpResponseView response = authorize("query");

		assertThat(response.status()).isEqualTo(302);
		assertThat(response.header("Location")).endsWith("/login");
	}

	private HttpResponseView authorize(String responseMode) {
		return this.http.get("/oauth2/authorize?" + ServerHttp.encode(form("response_type", "code", "client_id",
				"demo-public", "redirect_uri", REDIRECT_URI, "scope", "read", "state", "xyz", "code_challenge",
				CHALLENGE, "code_challenge_method", "S256", "response_mode", responseMode)), "Accept", "text/html");
	}
}
