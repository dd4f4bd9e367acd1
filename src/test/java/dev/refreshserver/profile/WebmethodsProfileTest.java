package dev.refreshserver.profile;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ProfileServerTest;
import dev.refreshserver.support.ServerHttp;

import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/** Seed 003: webMethods Integration Server pub.oauth:refreshAccessToken. */
class WebmethodsProfileTest {

	static final String BASIC = ServerHttp.basic("demo-client", "demo-secret");

	static HttpResponseView seedRequest(ServerHttp http, String refreshToken, String scope) {
		Map<String, String> form = form("grant_type", "refresh_token", "refresh_token", refreshToken);
		if (scope != null) {
			form.put("scope", scope);
		}
		return http.postForm("/oauth2/token", form, "Authorization", BASIC);
	}

	/** Over HTTPS, as the profile requires by default. */
	@Nested
	class OverHttps extends ProfileServerTest {

		@Override
		protected String profile() {
			return "webmethods";
		}

		@Override
		protected List<String> switches() {
			return List.of("--refresh.tls.enabled=true");
		}

		@Test
		void seedRequestGetsTheSeedResponse() {
			HttpResponseView response = seedRequest(this.http, this.http.mintRefreshToken("demo-client", "read write"),
					null);

			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			assertFields(response, Map.of("access_token", String.class, "token_type", String.class, "expires_in",
					String.class, "refresh_token", String.class, "scope", String.class));
			assertThat(response.field("token_type")).isEqualTo("Bearer");
			assertThat(response.field("expires_in")).isEqualTo("3600");
		}

		@Test
		void scopeMayNarrowButNeverWiden() {
			String token = this.http.mintRefreshToken("demo-client", "read write");
			HttpResponseView narrowed = seedRequest(this.http, token, "read");
			assertThat(narrowed.field("scope")).isEqualTo("read");
			HttpResponseView widened = seedRequest(this.http, narrowed.field("refresh_token"), "read profile");
			assertThat(widened.error()).isEqualTo("invalid_scope");
		}

		@Test
		void eachRefreshRotatesTheToken() {
			String first = this.http.mintRefreshToken("demo-client", "read");
			String token = first;
			for (int i = 0; i < 3; i++) {
				HttpResponseView response = seedRequest(this.http, token, null);
				assertThat(response.field("refresh_token")).isNotEqualTo(token);
				token = response.field("refresh_token");
			}
			assertThat(seedRequest(this.http, first, null).error()).isEqualTo("invalid_grant");
		}

		@Test
		void confidentialClientMustAuthenticateInTheAuthorizationHeader() {
			HttpResponseView response = this.http.postForm("/oauth2/token", form("grant_type", "refresh_token",
					"refresh_token", this.http.mintRefreshToken("demo-client", "read"), "client_id", "demo-client",
					"client_secret", "demo-secret"));
			assertThat(response.status()).isEqualTo(401);
			assertThat(response.error()).isEqualTo("invalid_client");
			assertThat(this.http.get("/.well-known/oauth-authorization-server")
				.json()
				.get("token_endpoint_auth_methods_supported")
				.toString()).contains("client_secret_basic").doesNotContain("client_secret_post");
		}

		@Test
		void getIsRefusedWhileRequirePostHolds() {
			HttpResponseView response = this.http.get("/oauth2/token?grant_type=refresh_token&refresh_token=x",
					"Authorization", BASIC);
			assertThat(response.status()).isEqualTo(405);
			assertThat(response.error()).isEqualTo("invalid_request");
		}
	}

	/** Plain HTTP while HTTPS is required. */
	@Nested
	class OverPlainHttp extends ProfileServerTest {

		@Override
		protected String profile() {
			return "webmethods";
		}

		@Test
		void plainHttpTokenRequestIsRefusedWithAClearError() {
			HttpResponseView response = seedRequest(this.http, "any", null);
			assertThat(response.status()).isEqualTo(400);
			assertThat(response.error()).isEqualTo("invalid_request");
			assertThat(response.field("error_description")).isEqualTo("HTTPS is required");
		}
	}

	/** {@code require-post: false} and {@code require-https: false}, each one switch. */
	@Nested
	class WithGetAllowed extends ProfileServerTest {

		@Override
		protected String profile() {
			return "webmethods";
		}

		@Override
		protected List<String> switches() {
			return List.of("--refresh.profiles.webmethods.request.require-post=false",
					"--refresh.profiles.webmethods.request.require-https=false");
		}

		@Test
		void getRefreshesWithParametersInTheQuery() {
			String token = this.http.mintRefreshToken("demo-client", "read");
			HttpResponseView response = this.http.get("/oauth2/token?grant_type=refresh_token&refresh_token=" + token,
					"Authorization", BASIC);
			assertThat(response.status()).as(response.toString()).isEqualTo(200);
			assertThat(response.field("refresh_token")).isNotEqualTo(token);
		}
	}
}
