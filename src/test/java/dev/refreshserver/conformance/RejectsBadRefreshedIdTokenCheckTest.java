package dev.refreshserver.conformance;

import java.net.URI;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.ServerTest;

import static dev.refreshserver.conformance.Reports.ADMIN;
import static dev.refreshserver.conformance.Reports.evidence;
import static dev.refreshserver.conformance.Reports.report;
import static dev.refreshserver.conformance.Reports.statuses;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rejects-bad-refreshed-id-token}: after a refresh response with a scripted wrong ID token,
 * a client that calls userinfo with that response's access token or refreshes with its refresh
 * token fails; one that drops the response and logs the user in again passes.
 */
class RejectsBadRefreshedIdTokenCheckTest extends ServerTest {

	private static final String CHECK = "rejects-bad-refreshed-id-token";

	@BeforeEach
	void freshObservation() {
		Reports.reset(this.http, "demo-client");
	}

	@AfterEach
	void clearScenarios() {
		this.http.send(HttpRequest.newBuilder(URI.create(this.http.base() + "/admin/scenarios")).DELETE(),
				"Authorization", ADMIN);
	}

	@ParameterizedTest
	@ValueSource(strings = { "id_token_wrong_iss", "id_token_wrong_sub", "id_token_wrong_aud",
			"id_token_bad_signature" })
	void aClientThatCallsUserInfoWithTheAccessTokenOfTheBadResponseFails(String fault) {
		HttpResponseView bad = refreshWith(fault);

		HttpResponseView userInfo = this.http.get("/userinfo", "Authorization", "Bearer " + bad.field("access_token"));
		assertThat(userInfo.status()).as("the tokens themselves are good").isEqualTo(200);

		JsonNode report = report(this.http, "demo-client");
		assertThat(statuses(report).get(CHECK)).isEqualTo("fail");
		assertThat(evidence(report, CHECK)).contains("called userinfo with the access token").contains(fault);
	}

	@Test
	void aClientThatRefreshesWithTheRefreshTokenOfTheBadResponseFails() {
		HttpResponseView bad = refreshWith("id_token_wrong_sub");

		assertThat(this.http.refresh(bad.field("refresh_token")).status()).isEqualTo(200);

		JsonNode report = report(this.http, "demo-client");
		assertThat(statuses(report).get(CHECK)).isEqualTo("fail");
		assertThat(evidence(report, CHECK)).contains("presented the refresh token");
	}

	@Test
	void aClientThatDropsTheBadResponseAndStartsOverPasses() {
		HttpResponseView bad = refreshWith("id_token_wrong_iss");
		HttpResponseView again = this.http.mint("demo-client", "alice", "openid profile");
		assertThat(this.http.get("/userinfo", "Authorization", "Bearer " + again.field("access_token")).status())
			.isEqualTo(200);
		assertThat(this.http.refresh(again.field("refresh_token")).status()).isEqualTo(200);

		JsonNode report = report(this.http, "demo-client");
		assertThat(statuses(report).get(CHECK)).as(evidence(report, CHECK)).isEqualTo("pass");
		assertThat(bad.field("access_token")).isNotEqualTo(again.field("access_token"));
	}

	@Test
	void withoutABadIdTokenTheCheckIsNotObserved() {
		HttpResponseView minted = this.http.mint("demo-client", "alice", "openid");
		HttpResponseView refreshed = this.http.refresh(minted.field("refresh_token"));
		this.http.get("/userinfo", "Authorization", "Bearer " + refreshed.field("access_token"));

		assertThat(statuses(report(this.http, "demo-client")).get(CHECK)).isEqualTo("not_observed");
	}

	/** A refresh of a fresh openid grant whose response carries the scripted wrong ID token. */
	private HttpResponseView refreshWith(String fault) {
		String refreshToken = this.http.mint("demo-client", "alice", "openid profile").field("refresh_token");
		HttpResponseView scripted = this.http.postForm("/admin/scenarios",
				ServerHttp.form("client_id", "demo-client", "action", fault), "Authorization", ADMIN);
		assertThat(scripted.status()).isEqualTo(201);
		HttpResponseView bad = this.http.refresh(refreshToken);
		assertThat(bad.status()).isEqualTo(200);
		assertThat(bad.field("id_token")).isNotBlank();
		return bad;
	}
}
