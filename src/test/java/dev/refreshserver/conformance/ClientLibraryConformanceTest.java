package dev.refreshserver.conformance;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.oauth2.client.OAuth2AuthorizationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.RefreshTokenOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.ServerTest;

import static dev.refreshserver.conformance.Reports.evidence;
import static dev.refreshserver.conformance.Reports.failed;
import static dev.refreshserver.conformance.Reports.report;
import static dev.refreshserver.conformance.Reports.statuses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real client libraries from Maven Central against the running server, graded by the
 * conformance report: Spring Security's {@link RefreshTokenOAuth2AuthorizedClientProvider} and
 * Nimbus' {@link RefreshTokenGrant}. Used well, neither fails a check; each deliberate mistake
 * (replaying the first refresh token, the secret in the query string, two refreshes raced)
 * fails exactly its check.
 */
class ClientLibraryConformanceTest extends ServerTest {

	/** Most of the standard profile's 10-minute access token: a refresh then is due. */
	static final Duration DUE = Duration.ofMinutes(9).plusSeconds(30);

	@BeforeEach
	void freshObservation() {
		Reports.reset(this.http, "demo-client");
		Reports.reset(this.http, "grace-client");
	}

	@AfterEach
	void clearScenarios() {
		Reports.clearScenarios(this.http);
	}

	@Test
	void springSecurityRefreshingWhenDueFailsNothing() {
		SpringClient spring = new SpringClient(this.http.mint("demo-client", "alice", "read"));
		assertThat(spring.authorizeAt(spring.current.getAccessToken().getIssuedAt()))
			.as("Spring does not refresh a fresh access token").isSameAs(spring.current);
		for (int i = 0; i < 3; i++) {
			this.clock.advance(DUE);
			OAuth2RefreshToken before = spring.current.getRefreshToken();
			spring.refreshWhenExpired();
			assertThat(spring.current.getRefreshToken().getTokenValue()).isNotEqualTo(before.getTokenValue());
		}
		// a response without refresh_token: Spring keeps the one it has
		Reports.script(this.http, "demo-client", "action", "omit_refresh_token");
		this.clock.advance(DUE);
		OAuth2RefreshToken kept = spring.current.getRefreshToken();
		spring.refreshWhenExpired();
		assertThat(spring.current.getRefreshToken().getTokenValue()).isEqualTo(kept.getTokenValue());
		this.clock.advance(DUE);
		spring.refreshWhenExpired();

		JsonNode report = report(this.http, "demo-client");
		assertThat(failed(report)).isEmpty();
		assertThat(statuses(report)).containsEntry("newest-token-only", "pass")
			.containsEntry("refresh-cadence", "pass")
			.containsEntry("keeps-token-when-omitted", "pass")
			.containsEntry("no-concurrent-refresh", "pass");
		assertThat(report.get("facts").get("auth_method").asString()).isEqualTo("client_secret_basic");
	}

	@Test
	void nimbusRefreshingWhenDueAndWaitingOutRetryAfterFailsNothing() throws Exception {
		NimbusClient nimbus = new NimbusClient(this.http, this.http.mintRefreshToken("demo-client", "read"));
		for (int i = 0; i < 2; i++) {
			this.clock.advance(DUE);
			assertThat(nimbus.refresh().indicatesSuccess()).isTrue();
		}
		Reports.script(this.http, "demo-client", "action", "temporarily_unavailable", "retry_after", "20");
		this.clock.advance(DUE);
		HTTPResponse unavailable = nimbus.refresh();
		assertThat(unavailable.getStatusCode()).isEqualTo(503);
		// the client waits as long as it is told (on the server's clock, moved instead of slept)
		this.clock.advance(Duration.ofSeconds(Long.parseLong(unavailable.getHeaderValue("Retry-After"))));
		assertThat(nimbus.refresh().indicatesSuccess()).isTrue();

		JsonNode report = report(this.http, "demo-client");
		assertThat(failed(report)).isEmpty();
		assertThat(statuses(report)).containsEntry("honours-retry-after", "pass")
			.containsEntry("newest-token-only", "pass")
			.containsEntry("refresh-cadence", "pass");
	}

	@Test
	void nimbusAfterALostResponseGetsItsSuccessorFromTheGraceWindow() throws Exception {
		NimbusClient nimbus = new NimbusClient(this.http, this.http.mintRefreshToken("grace-client", "read"),
				"grace-client", "grace-secret");
		Reports.script(this.http, "grace-client", "action", "lost_response");
		this.clock.advance(DUE);
		RefreshToken presented = nimbus.token;
		HTTPResponse retried;
		try {
			// the JDK's HttpURLConnection, under Nimbus, itself resends a POST whose connection
			// closed without an answer; a client on another transport sees the IOException and retries
			retried = nimbus.refresh();
		}
		catch (IOException lost) {
			retried = nimbus.refresh();
		}
		assertThat(retried.indicatesSuccess()).as("the retry inside the grace window").isTrue();
		assertThat(nimbus.token).isNotEqualTo(presented);
		this.clock.advance(DUE);
		assertThat(nimbus.refresh().indicatesSuccess()).as("the successor is the live token").isTrue();

		Reports.assertRecoveredThroughTheGraceWindow(report(this.http, "grace-client"));
	}

	@Test
	void nimbusReplayingItsFirstRefreshTokenFailsNewestTokenOnlyAlone() throws Exception {
		NimbusClient nimbus = new NimbusClient(this.http, this.http.mintRefreshToken("demo-client", "read"));
		RefreshToken first = nimbus.token;
		for (int i = 0; i < 2; i++) {
			this.clock.advance(DUE);
			assertThat(nimbus.refresh().indicatesSuccess()).isTrue();
		}
		nimbus.token = first;
		this.clock.advance(DUE);
		assertThat(TokenResponse.parse(nimbus.refresh()).toErrorResponse().getErrorObject().getCode())
			.isEqualTo("invalid_grant");

		JsonNode report = report(this.http, "demo-client");
		assertThat(failed(report)).containsExactly("newest-token-only");
		assertThat(evidence(report, "newest-token-only")).contains("whose successor had been delivered");
	}

	@Test
	void nimbusWithTheSecretInTheQueryStringFailsNoCredentialsInQueryAlone() throws Exception {
		String token = this.http.mintRefreshToken("demo-client", "read");
		// a public-client request (client_id in the body) to an endpoint URL that carries the secret
		TokenRequest request = new TokenRequest(URI.create(this.http.base() + "/oauth2/token?client_secret=demo-secret"),
				new ClientID("demo-client"), new RefreshTokenGrant(new RefreshToken(token)));
		HTTPResponse response = request.toHTTPRequest().send();
		assertThat(response.getStatusCode()).isEqualTo(400);

		JsonNode report = report(this.http, "demo-client");
		assertThat(failed(report)).containsExactly("no-credentials-in-query");
		assertThat(statuses(report)).containsEntry("post-form-encoded", "pass");
		assertThat(report.toString()).doesNotContain("demo-secret", token);
	}

	@Test
	void springSecurityRacingTwoRefreshesOfOneGrantFailsNoConcurrentRefreshAlone() throws Exception {
		SpringClient spring = new SpringClient(this.http.mint("demo-client", "alice", "read"));
		this.clock.advance(DUE);
		// the first refresh is held up on the server so that the second surely overlaps it
		Reports.script(this.http, "demo-client", "action", "delay", "delay_ms", "1500");
		Instant due = spring.current.getAccessToken().getExpiresAt();
		CompletableFuture<Object> slow = CompletableFuture.supplyAsync(() -> outcome(() -> spring.authorizeAt(due)));
		Thread.sleep(300);
		Object fast = outcome(() -> spring.authorizeAt(due));
		Object slowOutcome = slow.get(30, TimeUnit.SECONDS);
		assertThat(List.of(fast, slowOutcome)).as("one refresh won, the other presented a rotated-out token")
			.hasAtLeastOneElementOfType(OAuth2AuthorizedClient.class)
			.hasAtLeastOneElementOfType(RuntimeException.class);

		JsonNode report = report(this.http, "demo-client");
		assertThat(failed(report)).containsExactly("no-concurrent-refresh");
		assertThat(evidence(report, "no-concurrent-refresh")).contains("at the same time");
	}


	private static Object outcome(java.util.function.Supplier<Object> refresh) {
		try {
			return refresh.get();
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	/**
	 * A Spring Security client as an application holds it: an authorized client, refreshed by
	 * {@link RefreshTokenOAuth2AuthorizedClientProvider} with its default RestClient-based
	 * token response client. Its own clock is set to the moment it decides, since Spring dates
	 * access tokens by the JVM's time and the test moves the server's clock instead of sleeping.
	 */
	private final class SpringClient {

		private final RefreshTokenOAuth2AuthorizedClientProvider provider = new RefreshTokenOAuth2AuthorizedClientProvider();

		private final ClientRegistration registration;

		private OAuth2AuthorizedClient current;

		SpringClient(HttpResponseView minted) {
			String base = ClientLibraryConformanceTest.this.http.base();
			this.registration = ClientRegistration.withRegistrationId("refresh-server")
				.clientId("demo-client")
				.clientSecret("demo-secret")
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
				.redirectUri("http://127.0.0.1:8080/callback")
				.authorizationUri(base + "/oauth2/authorize")
				.tokenUri(base + "/oauth2/token")
				.scope("read")
				.build();
			Instant now = Instant.now();
			this.current = new OAuth2AuthorizedClient(this.registration, "alice",
					new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, minted.field("access_token"), now,
							now.plusSeconds(minted.json().get("expires_in").asLong())),
					new OAuth2RefreshToken(minted.field("refresh_token"), now));
		}

		/** What the provider does when asked for the client at {@code instant}; null means no refresh was needed. */
		OAuth2AuthorizedClient authorizeAt(Instant instant) {
			this.provider.setClock(Clock.fixed(instant, ZoneOffset.UTC));
			OAuth2AuthorizedClient refreshed = this.provider.authorize(OAuth2AuthorizationContext
				.withAuthorizedClient(this.current)
				.principal(new TestingAuthenticationToken("alice", null))
				.build());
			return (refreshed != null) ? refreshed : this.current;
		}

		/** Asks for the client half a minute before its access token expires (inside Spring's 60 s skew). */
		void refreshWhenExpired() {
			OAuth2AuthorizedClient refreshed = authorizeAt(this.current.getAccessToken().getExpiresAt().minusSeconds(30));
			assertThat(refreshed).as("Spring refreshed").isNotSameAs(this.current);
			this.current = refreshed;
		}
	}

	/** A client built on Nimbus' OAuth 2.0 SDK that keeps the newest refresh token, as its docs show. */
	private static final class NimbusClient {

		private final URI tokenEndpoint;

		private final ClientSecretBasic authentication;

		private RefreshToken token;

		NimbusClient(ServerHttp http, String refreshToken) {
			this(http, refreshToken, "demo-client", "demo-secret");
		}

		NimbusClient(ServerHttp http, String refreshToken, String clientId, String secret) {
			this.tokenEndpoint = URI.create(http.base() + "/oauth2/token");
			this.authentication = new ClientSecretBasic(new ClientID(clientId), new Secret(secret));
			this.token = new RefreshToken(refreshToken);
		}

		/** One refresh; on success the newest refresh token (or the kept one, when none came) replaces the old. */
		HTTPResponse refresh() throws IOException, ParseException {
			HTTPResponse response = new TokenRequest(this.tokenEndpoint, this.authentication,
					new RefreshTokenGrant(this.token)).toHTTPRequest().send();
			if (response.indicatesSuccess()) {
				Tokens tokens = TokenResponse.parse(response).toSuccessResponse().getTokens();
				if (tokens.getRefreshToken() != null) {
					this.token = tokens.getRefreshToken();
				}
			}
			return response;
		}
	}
}
