package dev.refreshserver.protocol;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.ServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/** A path that does not exist is 404 with a JSON error body, whatever the method; never 401 or 403. */
class UnknownPathTest extends ServerTest {

	@Test
	void postToAnUnknownPathIsNotFoundWithAJsonError() {
		for (String path : List.of("/nowhere", "/oauth2/nowhere", "/oauth2/token/extra", "/api/oauth/token",
				"/.well-known/nowhere")) {
			HttpResponseView response = this.http.postForm(path, ServerHttp.form("grant_type", "refresh_token"));
			assertNotFound(response, path);
		}
	}

	@Test
	void getOfAnUnknownPathIsNotFoundWithAJsonError() {
		assertNotFound(this.http.get("/oauth2/nowhere"), "/oauth2/nowhere");
	}

	@Test
	void unknownAdminPathIsNotFoundForTheAdmin() {
		HttpResponseView response = this.http.postForm("/admin/nowhere", ServerHttp.form("a", "b"), "Authorization",
				"Bearer " + ServerHttp.ADMIN_TOKEN);
		assertNotFound(response, "/admin/nowhere");
	}

	@Test
	void aBrowserGetsAnHtmlPage() {
		HttpResponseView response = this.http.get("/nowhere", "Accept", "text/html");
		assertThat(response.status()).isEqualTo(404);
		assertThat(response.header("Content-Type")).startsWith("text/html");
		assertThat(response.body()).contains("There is nothing at this address");
	}

	@Test
	void aRealEndpointAskedWithTheWrongMethodIsMethodNotAllowed() {
		HttpResponseView response = this.http.get("/admin/grants", "Authorization", "Bearer " + ServerHttp.ADMIN_TOKEN);
		assertThat(response.status()).isEqualTo(405);
		assertThat(response.header("Allow")).contains("POST");
		assertThat(response.error()).isEqualTo("method_not_allowed");
	}

	private static void assertNotFound(HttpResponseView response, String path) {
		assertThat(response.status()).as(path).isEqualTo(404);
		assertThat(response.header("Content-Type")).as(path).startsWith("application/json");
		assertThat(response.error()).as(path).isEqualTo("not_found");
		assertThat(response.field("error_description")).as(path).contains(path);
		assertThat(response.body()).doesNotContain("trace", "exception");
	}
}
