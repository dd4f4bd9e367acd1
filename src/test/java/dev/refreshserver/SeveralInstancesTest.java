package dev.refreshserver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.refreshserver.refresh.RefreshTokens;
import dev.refreshserver.support.Browser;
import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.Jwks;
import dev.refreshserver.support.Postgres;
import dev.refreshserver.support.RunningServer;
import dev.refreshserver.support.ServerHttp;

import static dev.refreshserver.support.Browser.REDIRECT_URI;
import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances, A and B, on different ports, sharing one PostgreSQL database and one keys
 * directory and nothing else, as behind a round-robin load balancer with no sticky sessions:
 * every flow works whichever instance each of its requests lands on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SeveralInstancesTest {

	private static final int TRIALS = 20;

	private RunningServer a;

	private RunningServer b;

	@BeforeAll
	void startTwoInstances() throws Exception {
		Path state = Files.createTempDirectory("refresh-server-instances");
		List<String> switches = new ArrayList<>(Postgres.switches(Postgres.freshDatabase()));
		switches.add("--spring.config.additional-location=classpath:test-clients.yml");
		// One after the other: the first creates the keys (and the schema), the second reads them.
		this.a = RunningServer.start(state, switches);
		this.b = RunningServer.start(state, switches);
	}

	@AfterEach
	void resetClocks() {
		this.a.clock().reset();
		this.b.clock().reset();
	}

	@AfterAll
	void stopInstances() {
		this.a.close();
		this.b.close();
	}

	@Test
	void grantMintedOnARefreshesOnBAndEachVerifiesTheOthersTokens() throws Exception {
		HttpResponseView minted = this.a.http().mint("demo-client", "alice", "read write");

		HttpResponseView refreshed = this.b.http().refresh(minted.field("refresh_token"));

		assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
		assertThat(Jwks.verify(this.b.http(), minted.field("access_token")).getSubject()).isEqualTo("alice");
		assertThat(Jwks.verify(this.a.http(), refreshed.field("access_token")).getSubject()).isEqualTo("alice");
		assertThat(this.a.http().refresh(refreshed.field("refresh_token")).status()).isEqualTo(200);
	}

	@Test
	void concurrentRefreshesSplitAcrossInstancesYieldExactlyOneSuccess() throws Exception {
		for (int trial = 1; trial <= TRIALS; trial++) {
			String token = this.a.http().mintRefreshToken("demo-client", "read");

			List<HttpResponseView> responses = ServerHttp.atOnce(List.of(this.a.http(), this.b.http()), 25,
					(client) -> client.refresh(token));

			assertThat(responses).as("trial %d", trial).filteredOn((response) -> response.status() == 200).hasSize(1);
			assertThat(responses).filteredOn((response) -> response.status() != 200)
				.allSatisfy((response) -> assertThat(response.error()).isEqualTo("invalid_grant"));
		}
	}

	@Test
	void reuseDetectedOnBRevokesTheFamilyOnA() {
		String original = this.a.http().mintRefreshToken("demo-client", "read");
		HttpResponseView rotated = this.a.http().refresh(original);

		assertThat(this.b.http().refresh(original).error()).isEqualTo("invalid_grant");

		assertThat(this.a.http().refresh(rotated.field("refresh_token")).error()).isEqualTo("invalid_grant");
		assertThat(active(this.a.http(), rotated.field("access_token"))).isFalse();
	}

	@Test
	void familyRevokedOnAIsInactiveInBsIntrospection() {
		HttpResponseView minted = this.a.http().mint("demo-client", "alice", "read");
		assertThat(active(this.b.http(), minted.field("refresh_token"))).isTrue();

		HttpResponseView revoke = this.a.http().postForm("/oauth2/revoke", form("token", minted.field("refresh_token")),
				"Authorization", ServerHttp.basic("demo-client", "demo-secret"));

		assertThat(revoke.status()).isEqualTo(200);
		assertThat(active(this.b.http(), minted.field("refresh_token"))).isFalse();
		assertThat(active(this.b.http(), minted.field("access_token"))).isFalse();
	}

	@Test
	void codeFlowWithPkceAuthorizedOnARedeemedOnBRefreshedOnA() throws Exception {
		String verifier = RefreshTokens.generate();
		String code = Browser.authorize(new ServerHttp(this.a.http().base(), null), "demo-public", "read write",
				verifier);

		HttpResponseView tokens = this.b.http().postForm("/oauth2/token", publicRedemption(code, verifier));

		assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
		HttpResponseView refreshed = this.a.http().postForm("/oauth2/token", form("grant_type", "refresh_token",
				"refresh_token", tokens.field("refresh_token"), "client_id", "demo-public"));
		assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
		assertThat(refreshed.field("scope")).isEqualTo("read write");
	}

	@Test
	void loginFormServedByAAndPostedToBLogsTheUserIn() throws Exception {
		ServerHttp browserAtA = new ServerHttp(this.a.http().base(), null);
		String verifier = RefreshTokens.generate();

		String code = Browser.authorize(browserAtA, browserAtA.sameBrowserAt(this.b.http()), "demo-public", "read",
				verifier);

		HttpResponseView tokens = this.a.http().postForm("/oauth2/token", publicRedemption(code, verifier));
		assertThat(tokens.status()).as(tokens.toString()).isEqualTo(200);
	}

	@Test
	void oneCodeRedeemedOnAAndBAtOnceYieldsExactlyOneSuccess() throws Exception {
		ServerHttp browser = new ServerHttp(this.a.http().base(), null);
		for (int trial = 1; trial <= TRIALS; trial++) {
			String verifier = RefreshTokens.generate();
			String code = Browser.authorize(browser, "demo-client", "read", verifier);
			Map<String, String> redemption = form("grant_type", "authorization_code", "code", code, "redirect_uri",
					REDIRECT_URI, "code_verifier", verifier);

			List<HttpResponseView> responses = ServerHttp.atOnce(List.of(this.a.http(), this.b.http()), 1,
					(client) -> client.postForm("/oauth2/token", redemption, "Authorization",
							ServerHttp.basic("demo-client", "demo-secret")));

			assertThat(responses).as("trial %d: %s", trial, responses)
				.filteredOn((response) -> response.status() == 200)
				.hasSize(1);
			assertThat(responses).filteredOn((response) -> response.status() != 200)
				.allSatisfy((response) -> assertThat(response.error()).isEqualTo("invalid_grant"));
		}
	}

	@Test
	void graceRetryOnBOfATokenRotatedOnAGetsTheSameSuccessorInsideTheWindowOnly() {
		String token = this.a.http().mintRefreshToken("grace-client", "read");
		HttpResponseView first = this.a.http().refresh("grace-client", "grace-secret", token, null);
		this.b.clock().advance(Duration.ofSeconds(10));

		HttpResponseView retry = this.b.http().refresh("grace-client", "grace-secret", token, null);

		assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
		assertThat(retry.field("refresh_token")).isEqualTo(first.field("refresh_token"));

		String late = this.a.http().mintRefreshToken("grace-client", "read");
		String successor = this.a.http().refresh("grace-client", "grace-secret", late, null).field("refresh_token");
		this.b.clock().advance(Duration.ofSeconds(31));

		assertThat(this.b.http().refresh("grace-client", "grace-secret", late, null).error()).isEqualTo("invalid_grant");
		assertThat(this.a.http().refresh("grace-client", "grace-secret", successor, null).error())
			.isEqualTo("invalid_grant");
	}

	private static Map<String, String> publicRedemption(String code, String verifier) {
		return form("grant_type", "authorization_code", "code", code, "redirect_uri", REDIRECT_URI, "client_id",
				"demo-public", "code_verifier", verifier);
	}

	private static boolean active(ServerHttp http, String token) {
		return http.introspect(token).json().get("active").asBoolean();
	}
}
