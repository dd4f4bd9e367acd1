package dev.refreshserver;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.ServerTest;

import static dev.refreshserver.support.ServerHttp.basic;
import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/** Every malformed request gets an RFC 6749 §5.2 error with the right status, never a 500. */
class MalformedRequestTest extends ServerTest {

	private static final String FORM = "application/x-www-form-urlencoded";

	private static final String[] DEMO_BASIC = { "Authorization", basic("demo-client", "demo-secret") };

	private static final String[] ADMIN = { "Authorization", "Bearer " + ServerHttp.ADMIN_TOKEN };

	record Case(String name, Function<ServerHttp, HttpResponseView> request, int status, String error) {

		@Override
		public String toString() {
			return this.name;
		}
	}

	static List<Case> cases() {
		return List.of(
				new Case("GET on the token endpoint", (http) -> http.get("/oauth2/token?grant_type=refresh_token"),
						405, "invalid_request"),
				new Case("PUT on the token endpoint", (http) -> http.send(HttpRequest
					.newBuilder(URI.create(http.base() + "/oauth2/token"))
					.header("Content-Type", FORM)
					.PUT(HttpRequest.BodyPublishers.ofString("grant_type=refresh_token"))), 405, "invalid_request"),
				new Case("JSON body", (http) -> http.post("/oauth2/token", "application/json",
						"{\"grant_type\":\"refresh_token\",\"refresh_token\":\"x\"}", DEMO_BASIC), 400,
						"invalid_request"),
				new Case("text/plain body", (http) -> http.post("/oauth2/token", "text/plain",
						"grant_type=refresh_token&refresh_token=x", DEMO_BASIC), 400, "invalid_request"),
				new Case("no content type", (http) -> http.post("/oauth2/token", null,
						"grant_type=refresh_token&refresh_token=x", DEMO_BASIC), 400, "invalid_request"),
				new Case("unparsable content type", (http) -> http.post("/oauth2/token", "form;;;=",
						"grant_type=refresh_token&refresh_token=x", DEMO_BASIC), 400, "invalid_request"),
				new Case("missing grant_type", (http) -> http.post("/oauth2/token", FORM, "refresh_token=x",
						DEMO_BASIC), 400, "invalid_request"),
				new Case("empty grant_type", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=&refresh_token=x", DEMO_BASIC), 400, "unsupported_grant_type"),
				new Case("unknown grant_type", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=password&username=a&password=b", DEMO_BASIC), 400, "unsupported_grant_type"),
				new Case("device_code grant is not offered", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=urn:ietf:params:oauth:grant-type:device_code&device_code=x", DEMO_BASIC), 400,
						"unsupported_grant_type"),
				new Case("repeated grant_type", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token&grant_type=refresh_token&refresh_token=x", DEMO_BASIC), 400,
						"invalid_request"),
				new Case("missing refresh_token", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token", DEMO_BASIC), 400, "invalid_request"),
				new Case("empty refresh_token", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token&refresh_token=", DEMO_BASIC), 400, "invalid_request"),
				new Case("repeated refresh_token", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token&refresh_token=a&refresh_token=b", DEMO_BASIC), 400,
						"invalid_request"),
				new Case("repeated scope", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token&refresh_token=a&scope=read&scope=write", DEMO_BASIC), 400,
						"invalid_request"),
				new Case("broken percent-encoding", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token&refresh_token=%zz%", DEMO_BASIC), 400, "invalid_request"),
				new Case("parameters in the query string", (http) -> http.post(
						"/oauth2/token?grant_type=refresh_token&refresh_token=x", FORM, "", DEMO_BASIC), 400,
						"invalid_request"),
				new Case("client secret in the query string", (http) -> http.post(
						"/oauth2/token?client_id=demo-client&client_secret=demo-secret", FORM,
						"grant_type=refresh_token&refresh_token=x"), 400, "invalid_request"),
				new Case("Basic and client_secret together", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token&refresh_token=x&client_id=demo-client&client_secret=demo-secret",
						DEMO_BASIC), 400, "invalid_request"),
				new Case("wrong secret", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token&refresh_token=x", "Authorization", basic("demo-client", "nope")),
						401, "invalid_client"),
				new Case("unknown client", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token&refresh_token=x", "Authorization", basic("nobody", "x")), 401,
						"invalid_client"),
				new Case("wrong secret in the body", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token&refresh_token=x&client_id=demo-client&client_secret=nope"), 401,
						"invalid_client"),
				new Case("empty secret in the body", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token&refresh_token=x&client_id=demo-client&client_secret="), 401,
						"invalid_client"),
				new Case("Basic header that is not base64", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token&refresh_token=x", "Authorization", "Basic %%%not-base64"), 401,
						"invalid_client"),
				new Case("Basic credentials without a colon", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token&refresh_token=x", "Authorization", "Basic " + base64("demo-client")),
						401, "invalid_client"),
				new Case("Basic credentials with an empty secret", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token&refresh_token=x", "Authorization", "Basic " + base64("demo-client:")),
						401, "invalid_client"),
				new Case("two Authorization headers", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token&refresh_token=x", "Authorization", basic("demo-client", "demo-secret"),
						"Authorization", basic("demo-client", "nope")), 400, "invalid_request"),
				new Case("client_id naming another client than the Basic credentials", (http) -> http.post(
						"/oauth2/token", FORM, "grant_type=refresh_token&refresh_token=x&client_id=demo-public",
						DEMO_BASIC), 400, "invalid_request"),
				new Case("percent-encoded token endpoint path", (http) -> http.post("/oauth2/%74oken", FORM,
						"grant_type=refresh_token&refresh_token=x&client_secret=nope", DEMO_BASIC), 400,
						"invalid_request"),
				new Case("path parameter on the token endpoint", (http) -> http.post("/oauth2/token;x=1", FORM,
						"grant_type=refresh_token&refresh_token=x", DEMO_BASIC), 400, "invalid_request"),
				new Case("trailing slash on the token endpoint", (http) -> http.post("/oauth2/token/", FORM,
						"grant_type=refresh_token&refresh_token=x", DEMO_BASIC), 400, "invalid_request"),
				new Case("percent-encoded introspection path", (http) -> http.post("/oauth2/%69ntrospect", FORM,
						"token=x"), 400, "invalid_request"),
				new Case("Bearer scheme instead of client credentials", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token&refresh_token=x", "Authorization", "Bearer abc"), 401,
						"invalid_client"),
				new Case("no client authentication", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token&refresh_token=x"), 401, "invalid_client"),
				new Case("confidential client with client_id only", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token&refresh_token=x&client_id=demo-client"), 401, "invalid_client"),
				new Case("unknown refresh token", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token&refresh_token=never-issued", DEMO_BASIC), 400, "invalid_grant"),
				new Case("10 kB refresh token", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token&refresh_token=" + "A".repeat(10_000), DEMO_BASIC), 400,
						"invalid_grant"),
				new Case("refresh grant not allowed for the client", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=refresh_token&refresh_token=x", "Authorization",
						basic("machine-client", "machine-secret")), 400, "unauthorized_client"),
				new Case("client_credentials for a public client", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=client_credentials&client_id=demo-public"), 400, "unauthorized_client"),
				new Case("scope wider than the grant", (http) -> http.refresh("demo-client", "demo-secret",
						http.mintRefreshToken("demo-client", "read"), "read write"), 400, "invalid_scope"),
				new Case("scope the client never had", (http) -> http.refresh("demo-client", "demo-secret",
						http.mintRefreshToken("demo-client", "read"), "admin"), 400, "invalid_scope"),
				new Case("unknown authorization code", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=authorization_code&code=nope&redirect_uri=http://127.0.0.1:8080/callback",
						DEMO_BASIC), 400, "invalid_grant"),
				new Case("authorization code grant without code", (http) -> http.post("/oauth2/token", FORM,
						"grant_type=authorization_code&redirect_uri=http://127.0.0.1:8080/callback", DEMO_BASIC), 400,
						"invalid_request"),
				new Case("GET on the revocation endpoint", (http) -> http.get("/oauth2/revoke?token=x"), 405,
						"invalid_request"),
				new Case("revocation without token", (http) -> http.post("/oauth2/revoke", FORM, "token_type_hint=x",
						DEMO_BASIC), 400, "invalid_request"),
				new Case("introspection without client authentication", (http) -> http.post("/oauth2/introspect",
						FORM, "token=x"), 401, "invalid_client"),
				new Case("admin mint with a 300-character subject", (http) -> http.post("/admin/grants", FORM,
						"client_id=demo-client&subject=" + "a".repeat(300), ADMIN), 400, "invalid_request"),
				new Case("admin mint with a repeated subject", (http) -> http.post("/admin/grants", FORM,
						"client_id=demo-client&subject=a&subject=b", ADMIN), 400, "invalid_request"),
				new Case("admin bulk fill with a count that is not a number", (http) -> http.post(
						"/admin/grants/bulk", FORM, "client_id=demo-client&subject=a&count=many", ADMIN), 400,
						"invalid_request"),
				new Case("introspection by a public client", (http) -> http.post("/oauth2/introspect", FORM,
						"token=x&client_id=demo-public"), 401, "invalid_client"),
				new Case("introspection with a repeated token", (http) -> http.post("/oauth2/introspect", FORM,
						"token=a&token=b", DEMO_BASIC), 400, "invalid_request"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void malformedRequestGetsTheRightError(Case malformed) {
		HttpResponseView response = malformed.request().apply(this.http);

		assertThat(response.status()).as(response.toString()).isEqualTo(malformed.status());
		assertThat(response.error()).as(response.toString()).isEqualTo(malformed.error());
		assertThat(response.header("Content-Type")).startsWith("application/json");
		assertThat(response.header("Cache-Control")).isEqualTo("no-store");
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("\tat ");
	}

	@Test
	void malformedBasicCredentialsAreAskedForAgain() {
		HttpResponseView response = this.http.post("/oauth2/token", FORM, "grant_type=refresh_token&refresh_token=x",
				"Authorization", "Basic " + base64("demo-client"));

		assertThat(response.status()).isEqualTo(401);
		assertThat(response.header("WWW-Authenticate")).startsWith("Basic");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("garbageJwts")
	void aTokenThatOnlyLooksLikeAJwtIsUnknownToRevocationAndIntrospection(String token) {
		HttpResponseView revoked = this.http.postForm("/oauth2/revoke", form("client_id", "demo-public", "token", token));
		HttpResponseView introspected = this.http.introspect(token);

		assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);
		assertThat(introspected.status()).as(introspected.toString()).isEqualTo(200);
		assertThat(introspected.body()).isEqualTo("{\"active\":false}");
	}

	/** Three dot-separated parts whose header or claims are not JSON objects, or not JSON at all. */
	static List<String> garbageJwts() {
		return List.of("bnVsbA.e30.AAAA", "bnVsbA.e30.e30", "e30.bnVsbA.AAAA", "WzFd.e30.AAAA", "IiI.e30.AAAA",
				"..", "e30..", "%%%.e30.AAAA", base64Url("{\"alg\":null}") + ".e30.AAAA",
				base64Url("{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":[1]}") + ".e30.AAAA",
				base64Url("{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"crit\":7}") + ".bnVsbA.AAAA");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("clientAuthenticationFailures")
	void everyClientAuthenticationFailureCarriesABasicChallenge(Case failure) {
		HttpResponseView response = failure.request().apply(this.http);

		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		assertThat(response.error()).isEqualTo("invalid_client");
		assertThat(response.header("WWW-Authenticate")).as(response.toString()).startsWith("Basic realm=\"");
	}

	static List<Case> clientAuthenticationFailures() {
		String refresh = "grant_type=refresh_token&refresh_token=x";
		return List.of(
				new Case("Bearer at the token endpoint", (http) -> http.post("/oauth2/token", FORM, refresh,
						"Authorization", "Bearer abc"), 401, "invalid_client"),
				new Case("Digest at the token endpoint", (http) -> http.post("/oauth2/token", FORM, refresh,
						"Authorization", "Digest abc"), 401, "invalid_client"),
				new Case("no client authentication at the token endpoint", (http) -> http.post("/oauth2/token",
						FORM, refresh), 401, "invalid_client"),
				new Case("no client authentication at revocation", (http) -> http.post("/oauth2/revoke", FORM,
						"token=x"), 401, "invalid_client"),
				new Case("no client authentication at introspection", (http) -> http.post("/oauth2/introspect",
						FORM, "token=x"), 401, "invalid_client"),
				new Case("a public client at introspection", (http) -> http.post("/oauth2/introspect", FORM,
						"token=x&client_id=demo-public"), 401, "invalid_client"),
				new Case("an unknown public client", (http) -> http.post("/oauth2/token", FORM,
						refresh + "&client_id=nobody"), 401, "invalid_client"),
				new Case("client_secret_post with a wrong secret", (http) -> http.post("/oauth2/token", FORM,
						refresh + "&client_id=demo-client&client_secret=wrong"), 401, "invalid_client"),
				new Case("client_secret_post for a Basic-only client", (http) -> http.post("/oauth2/token", FORM,
						refresh + "&client_id=other-client&client_secret=other-secret"), 401, "invalid_client"));
	}

	private static String base64Url(String text) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}

	private static String base64(String text) {
		return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
	}
}
