package dev.refreshserver.conformance;

import java.io.ByteArrayInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;

import dev.refreshserver.refresh.RefreshTokens;
import dev.refreshserver.support.Browser;
import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.ServerTest;

import static dev.refreshserver.conformance.Reports.ADMIN;
import static dev.refreshserver.conformance.Reports.evidence;
import static dev.refreshserver.conformance.Reports.failed;
import static dev.refreshserver.conformance.Reports.report;
import static dev.refreshserver.conformance.Reports.statuses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The conformance report over HTTP, driven by hand-written requests: each check passes, fails
 * or stays not observed for the traffic that concerns it, on the server clock.
 */
class ConformanceApiTest extends ServerTest {

	static final List<String> CHECK_IDS = List.of("post-form-encoded", "no-credentials-in-query", "newest-token-only",
			"no-concurrent-refresh", "refresh-cadence", "stops-after-invalid-grant", "scope-within-grant",
			"keeps-token-when-omitted", "honours-retry-after", "recovers-after-lost-response",
			"rejects-bad-refreshed-id-token");

	/** Most of the standard profile's 10-minute access token lifetime: a refresh then is due. */
	static final Duration DUE = Duration.ofMinutes(9);

	@BeforeEach
	void freshObservation() {
		for (String client : List.of("demo-client", "demo-public", "grace-client", "other-client", "webex-client")) {
			Reports.reset(this.http, client);
		}
	}

	@AfterEach
	void clearScenarios() {
		Reports.clearScenarios(this.http);
	}

	@Test
	void aClientNothingWasSeenFromHasEveryCheckNotObserved() {
		JsonNode report = report(this.http, "other-client");
		assertThat(report.propertyNames()).containsExactly("client_id", "observed_requests", "checks", "facts");
		assertThat(report.get("client_id").asString()).isEqualTo("other-client");
		assertThat(report.get("observed_requests").asInt()).isZero();
		assertThat(statuses(report).keySet()).containsExactlyElementsOf(CHECK_IDS);
		assertThat(statuses(report).values()).containsOnly("not_observed");
		JsonNode first = report.get("checks").get(0);
		assertThat(first.propertyNames()).containsExactly("id", "title", "status", "evidence", "hint");
		assertThat(report.get("facts").propertyNames()).containsExactly("auth_method", "basic_encoding",
				"median_refresh_lead_seconds");
	}

	@Test
	void anUnregisteredClientIs404Json() {
		HttpResponseView missing = this.http.get("/admin/conformance/nobody", "Authorization", ADMIN);
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.error()).isEqualTo("invalid_request");
	}

	@Test
	void withoutTheAdminTokenTheReportIsRefused() {
		assertThat(this.http.get("/admin/conformance/demo-client").status()).isEqualTo(401);
	}

	@Test
	void refreshesWhenDueWithTheNewestTokenPassAndTheFactsSayHowItAuthenticates() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		for (int i = 0; i < 3; i++) {
			this.clock.advance(DUE);
			token = this.http.refresh(token).field("refresh_token");
		}
		JsonNode report = report(this.http, "demo-client");
		assertThat(report.get("observed_requests").asInt()).as("the mint is observed, not counted").isEqualTo(3);
		assertThat(statuses(report)).containsEntry("post-form-encoded", "pass")
			.containsEntry("no-credentials-in-query", "pass")
			.containsEntry("newest-token-only", "pass")
			.containsEntry("no-concurrent-refresh", "pass")
			.containsEntry("refresh-cadence", "pass")
			.containsEntry("scope-within-grant", "pass")
			.containsEntry("stops-after-invalid-grant", "not_observed")
			.containsEntry("keeps-token-when-omitted", "not_observed")
			.containsEntry("honours-retry-after", "not_observed")
			.containsEntry("recovers-after-lost-response", "not_observed");
		assertThat(evidence(report, "refresh-cadence")).contains("threshold");
		JsonNode facts = report.get("facts");
		assertThat(facts.get("auth_method").asString()).isEqualTo("client_secret_basic");
		assertThat(facts.get("basic_encoding").asString()).startsWith("cannot be told");
		assertThat(facts.get("median_refresh_lead_seconds").asLong()).isBetween(55L, 60L);
		assertThat(report.toString()).as("no token or secret in the report").doesNotContain(token, "demo-secret");
	}

	@Test
	void refreshingAgainAndAgainWithMostOfTheLifetimeLeftFailsTheCadence() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		for (int i = 0; i < 3; i++) {
			token = this.http.refresh(token).field("refresh_token");
		}
		JsonNode report = report(this.http, "demo-client");
		assertThat(failed(report)).containsExactly("refresh-cadence");
		assertThat(report.get("facts").get("median_refresh_lead_seconds").asLong()).isGreaterThan(590);
	}

	@Test
	void aCheckShowsTenPiecesOfEvidenceAndCountsTheRest() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		for (int i = 0; i < 14; i++) {
			token = this.http.refresh(token).field("refresh_token");
		}
		JsonNode cadence = report(this.http, "demo-client").get("checks").get(CHECK_IDS.indexOf("refresh-cadence"));
		assertThat(cadence.get("status").asString()).isEqualTo("fail");
		assertThat(cadence.get("evidence")).hasSize(11);
		assertThat(cadence.get("evidence").get(0).asString()).startsWith("threshold: 3 refreshes in a row");
		assertThat(cadence.get("evidence").get(10).asString()).isEqualTo("... and 2 more");
	}

	@Test
	void anUnknownFormatIsABadRequest() {
		HttpResponseView unknown = this.http.get("/admin/conformance/demo-client?format=csv", "Authorization", ADMIN);
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.error()).isEqualTo("invalid_request");
	}

	@Test
	void presentingATokenAgainAfterInvalidGrantFails() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		Reports.script(this.http, "demo-client", "action", "invalid_grant");
		this.clock.advance(DUE);
		assertThat(this.http.refresh(token).error()).isEqualTo("invalid_grant");
		JsonNode stopped = report(this.http, "demo-client");
		assertThat(statuses(stopped)).containsEntry("stops-after-invalid-grant", "pass");
		assertThat(this.http.refresh(token).status()).as("scripted: the token still works").isEqualTo(200);
		JsonNode report = report(this.http, "demo-client");
		assertThat(failed(report)).containsExactly("stops-after-invalid-grant");
	}

	@Test
	void afterAResponseWithoutRefreshTokenTheOldTokenMustBePresentedAgain() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		Reports.script(this.http, "demo-client", "action", "omit_refresh_token");
		this.clock.advance(DUE);
		assertThat(this.http.refresh(token).json().has("refresh_token")).isFalse();
		this.clock.advance(DUE);
		assertThat(this.http.refresh(token).status()).isEqualTo(200);
		assertThat(statuses(report(this.http, "demo-client"))).containsEntry("keeps-token-when-omitted", "pass");

		Reports.reset(this.http, "demo-client");
		String kept = this.http.mintRefreshToken("demo-client", "read");
		Reports.script(this.http, "demo-client", "action", "omit_refresh_token");
		this.clock.advance(DUE);
		this.http.refresh(kept);
		this.clock.advance(DUE);
		assertThat(this.http.refresh("").error()).as("a client that stored the missing token as empty")
			.isEqualTo("invalid_request");
		assertThat(failed(report(this.http, "demo-client"))).containsExactly("keeps-token-when-omitted");
	}

	@Test
	void retryingBeforeRetryAfterHasPassedOnTheServerClockFails() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		Reports.script(this.http, "demo-client", "action", "temporarily_unavailable", "retry_after", "30", "times", "2");
		this.clock.advance(DUE);
		assertThat(this.http.refresh(token).status()).isEqualTo(503);
		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.http.refresh(token).status()).isEqualTo(503);
		assertThat(statuses(report(this.http, "demo-client"))).containsEntry("honours-retry-after", "pass");
		assertThat(this.http.refresh(token).status()).as("at once").isEqualTo(200);
		JsonNode report = report(this.http, "demo-client");
		assertThat(failed(report)).containsExactly("honours-retry-after");
		assertThat(evidence(report, "honours-retry-after")).contains("Retry-After 30 s");
	}

	@Test
	void afterALostResponseTheGraceWindowGivesTheSuccessorAndTheClientRecovers() {
		String token = this.http.mintRefreshToken("grace-client", "read");
		Reports.script(this.http, "grace-client", "action", "lost_response");
		this.clock.advance(DUE);
		assertThatThrownBy(() -> this.http.refresh("grace-client", "grace-secret", token, null))
			.isInstanceOf(UncheckedIOException.class);
		HttpResponseView retried = this.http.refresh("grace-client", "grace-secret", token, null);
		assertThat(retried.status()).as("the grace window hands back the successor: %s", retried).isEqualTo(200);
		HttpResponseView next = this.http.refresh("grace-client", "grace-secret", retried.field("refresh_token"), null);
		assertThat(next.status()).isEqualTo(200);
		Reports.assertRecoveredThroughTheGraceWindow(report(this.http, "grace-client"));
	}

	@Test
	void aRetryInsideTheGraceWindowIsNotReuseButOneAfterItIs() {
		String first = this.http.mintRefreshToken("grace-client", "read");
		this.clock.advance(DUE);
		String successor = this.http.refresh("grace-client", "grace-secret", first, null).field("refresh_token");
		HttpResponseView retried = this.http.refresh("grace-client", "grace-secret", first, null);
		assertThat(retried.field("refresh_token")).as("the grace window's answer").isEqualTo(successor);
		JsonNode graceRetry = report(this.http, "grace-client");
		assertThat(failed(graceRetry)).isEmpty();
		assertThat(statuses(graceRetry)).containsEntry("newest-token-only", "pass");

		this.clock.advance(Duration.ofSeconds(31));
		assertThat(this.http.refresh("grace-client", "grace-secret", first, null).error()).isEqualTo("invalid_grant");
		assertThat(failed(report(this.http, "grace-client"))).containsExactly("newest-token-only");
	}

	@Test
	void theRefreshTokenOfARedeemedCodeStartsAChain() throws Exception {
		String verifier = RefreshTokens.generate();
		String code = Browser.authorize(this.http, "demo-public", "read", verifier);
		HttpResponseView redeemed = this.http.postForm("/oauth2/token", ServerHttp.form("grant_type", "authorization_code",
				"code", code, "redirect_uri", Browser.REDIRECT_URI, "client_id", "demo-public", "code_verifier", verifier));
		String first = redeemed.field("refresh_token");
		String token = first;
		for (int i = 0; i < 2; i++) {
			this.clock.advance(DUE);
			token = this.http.postForm("/oauth2/token", ServerHttp.form("grant_type", "refresh_token", "refresh_token",
					token, "client_id", "demo-public")).field("refresh_token");
		}
		assertThat(this.http.postForm("/oauth2/token", ServerHttp.form("grant_type", "refresh_token", "refresh_token",
				first, "client_id", "demo-public")).error()).isEqualTo("invalid_grant");
		JsonNode report = report(this.http, "demo-public");
		assertThat(report.get("observed_requests").asInt()).as("the code redemption counts").isEqualTo(4);
		assertThat(failed(report)).containsExactly("newest-token-only");
		assertThat(report.get("facts").get("auth_method").asString()).isEqualTo("none");
		assertThat(report.get("facts").get("basic_encoding").isNull()).isTrue();
		assertThat(report.toString()).doesNotContain(code, verifier, first);
	}

	@Test
	void aJsonBodyTheClientsProfileAcceptsIsReadLikeAForm() {
		String token = this.http.mintRefreshToken("webex-client", "spark:all");
		Reports.script(this.http, "webex-client", "action", "invalid_grant");
		String body = "{\"grant_type\":\"refresh_token\",\"client_id\":\"webex-client\","
				+ "\"client_secret\":\"webex-secret\",\"refresh_token\":\"" + token + "\"}";
		assertThat(this.http.post("/oauth2/token", "application/json", body).error()).isEqualTo("invalid_grant");
		assertThat(this.http.post("/oauth2/token", "application/json", body).status()).isEqualTo(200);
		JsonNode report = report(this.http, "webex-client");
		assertThat(failed(report)).as("the token was read from the JSON body").containsExactly("stops-after-invalid-grant");
		assertThat(statuses(report)).containsEntry("post-form-encoded", "pass");
		assertThat(report.get("facts").get("auth_method").asString()).isEqualTo("client_secret_post");
		assertThat(report.toString()).doesNotContain(token, "webex-secret");
	}

	@Test
	void loopingOnADeadTokenAfterALostResponseFails() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		Reports.script(this.http, "demo-client", "action", "lost_response");
		this.clock.advance(DUE);
		assertThatThrownBy(() -> this.http.refresh(token)).isInstanceOf(UncheckedIOException.class);
		for (int i = 0; i < 3; i++) {
			assertThat(this.http.refresh(token).error()).isEqualTo("invalid_grant");
		}
		JsonNode report = report(this.http, "demo-client");
		assertThat(failed(report)).containsExactlyInAnyOrder("recovers-after-lost-response", "stops-after-invalid-grant");
	}

	@Test
	void askingForScopeBeyondTheGrantFails() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		this.clock.advance(DUE);
		assertThat(this.http.refresh("demo-client", "demo-secret", token, "read write").error())
			.isEqualTo("invalid_scope");
		assertThat(failed(report(this.http, "demo-client"))).containsExactly("scope-within-grant");
	}

	@Test
	void aJsonBodyOrASecretInTheQueryFailsTheirChecksEvenWhenRefused() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		HttpResponseView json = this.http.post("/oauth2/token", "application/json",
				"{\"grant_type\":\"refresh_token\",\"refresh_token\":\"" + token + "\"}", "Authorization",
				ServerHttp.basic("demo-client", "demo-secret"));
		assertThat(json.status()).isEqualTo(400);
		HttpResponseView query = this.http.postForm("/oauth2/token?client_secret=demo-secret",
				ServerHttp.form("grant_type", "refresh_token", "refresh_token", token, "client_id", "demo-client"));
		assertThat(query.status()).isEqualTo(400);
		JsonNode report = report(this.http, "demo-client");
		assertThat(failed(report)).containsExactlyInAnyOrder("post-form-encoded", "no-credentials-in-query");
		assertThat(evidence(report, "post-form-encoded")).contains("Content-Type application/json");
		assertThat(evidence(report, "no-credentials-in-query")).contains("client_secret");
		assertThat(report.toString()).doesNotContain(token, "demo-secret");
	}

	@Test
	void basicCredentialsWithCharactersTheTwoEncodingsWriteDifferentlyShowWhichOneTheClientUses() {
		assertThat(basicEncodingOf("demo-client:wrong secret/1")).startsWith("RFC 7617");
		assertThat(basicEncodingOf("demo-client:wrong+secret%2F1")).startsWith("RFC 6749");
		assertThat(basicEncodingOf("demo-client:wrong-secret")).startsWith("cannot be told");
	}

	/** What the report says of a client that sent these Basic credentials (refused or not, it is observed). */
	private String basicEncodingOf(String credentials) {
		Reports.reset(this.http, "demo-client");
		String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
		HttpResponseView refused = this.http.postForm("/oauth2/token",
				ServerHttp.form("grant_type", "client_credentials"), "Authorization", basic);
		assertThat(refused.status()).isEqualTo(401);
		JsonNode report = report(this.http, "demo-client");
		assertThat(report.toString()).doesNotContain("wrong");
		return report.get("facts").get("basic_encoding").asString();
	}

	@Test
	void deleteStartsAFreshObservation() {
		this.http.refresh(this.http.mintRefreshToken("demo-client", "read"));
		assertThat(report(this.http, "demo-client").get("observed_requests").asInt()).isEqualTo(1);
		Reports.reset(this.http, "demo-client");
		assertThat(report(this.http, "demo-client").get("observed_requests").asInt()).isZero();
	}

	@Test
	void aClientsRingKeepsItsLatestThousandRequests() {
		for (int i = 0; i < ObservationLog.PER_CLIENT + 5; i++) {
			HttpResponseView issued = this.http.postForm("/oauth2/token",
					ServerHttp.form("grant_type", "client_credentials", "scope", "read"), "Authorization",
					ServerHttp.basic("demo-client", "demo-secret"));
			assertThat(issued.status()).isEqualTo(200);
		}
		JsonNode report = report(this.http, "demo-client");
		assertThat(report.get("observed_requests").asInt()).isEqualTo(ObservationLog.PER_CLIENT);
		assertThat(evidence(report, "post-form-encoded")).contains(ObservationLog.PER_CLIENT + " token requests");
	}

	@Test
	void theJunitFormatParsesWithOneTestcasePerCheck() throws Exception {
		String token = this.http.mintRefreshToken("demo-client", "read");
		for (int i = 0; i < 3; i++) {
			token = this.http.refresh(token).field("refresh_token");
		}
		HttpResponseView junit = this.http.get("/admin/conformance/demo-client?format=junit", "Authorization", ADMIN);
		assertThat(junit.status()).isEqualTo(200);
		assertThat(junit.header("Content-Type")).startsWith("application/xml");
		Document xml = DocumentBuilderFactory.newInstance()
			.newDocumentBuilder()
			.parse(new ByteArrayInputStream(junit.body().getBytes(StandardCharsets.UTF_8)));
		Element suite = xml.getDocumentElement();
		assertThat(suite.getTagName()).isEqualTo("testsuite");
		NodeList testcases = suite.getElementsByTagName("testcase");
		assertThat(testcases.getLength()).isEqualTo(CHECK_IDS.size());
		for (int i = 0; i < testcases.getLength(); i++) {
			assertThat(((Element) testcases.item(i)).getAttribute("name")).isEqualTo(CHECK_IDS.get(i));
		}
		NodeList failures = suite.getElementsByTagName("failure");
		assertThat(failures.getLength()).isEqualTo(1);
		assertThat(((Element) failures.item(0).getParentNode()).getAttribute("name")).isEqualTo("refresh-cadence");
		assertThat(suite.getAttribute("failures")).isEqualTo("1");
		assertThat(suite.getElementsByTagName("skipped").getLength())
			.isEqualTo(Integer.parseInt(suite.getAttribute("skipped")))
			.isEqualTo((int) statuses(report(this.http, "demo-client")).values().stream()
				.filter("not_observed"::equals).count());
	}

}
