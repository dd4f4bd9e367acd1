package dev.refreshserver.admin;

import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.ServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Scripted scenarios: each action reaches the next matching refresh requests exactly
 * {@code times} times, then normal behaviour resumes; scripted errors consume nothing.
 */
class ScenarioApiTest extends ServerTest {

	@AfterEach
	void clearScenarios() {
		delete("/admin/scenarios");
	}

	@ParameterizedTest
	@CsvSource({ "invalid_grant, 400, invalid_grant, false", "server_error, 500, server_error, false",
			"temporarily_unavailable, 503, temporarily_unavailable, true",
			"rate_limited, 429, temporarily_unavailable, true" })
	void aScriptedErrorArrivesExactlyTimesTimesAndConsumesNothing(String action, int status, String error,
			boolean retryAfter) {
		String token = this.http.mintRefreshToken("demo-client", "read");
		HttpResponseView queued = script("client_id", "demo-client", "action", action, "times", "2", "retry_after",
				"7");
		assertThat(queued.status()).isEqualTo(201);
		assertThat(queued.field("remaining")).isEqualTo("2");
		for (int i = 0; i < 2; i++) {
			HttpResponseView refused = this.http.refresh(token);
			assertThat(refused.status()).isEqualTo(status);
			assertThat(refused.error()).isEqualTo(error);
			assertThat(refused.header("Retry-After")).isEqualTo(retryAfter ? "7" : null);
		}
		HttpResponseView refreshed = this.http.refresh(token);
		assertThat(refreshed.status()).as("the presented token is still valid: %s", refreshed).isEqualTo(200);
		assertThat(scenarios()).isEmpty();
	}

	@Test
	void delayWaitsThenRefreshesNormally() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		script("client_id", "demo-client", "action", "delay", "delay_ms", "400");
		long start = System.nanoTime();
		HttpResponseView refreshed = this.http.refresh(token);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(this.http.refresh(token).error()).as("it rotated as usual").isEqualTo("invalid_grant");
	}

	@Test
	void omitRefreshTokenKeepsThePresentedTokenAlive() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		script("client_id", "demo-client", "action", "omit_refresh_token");
		HttpResponseView omitted = this.http.refresh(token);
		assertThat(omitted.status()).isEqualTo(200);
		assertThat(omitted.json().has("refresh_token")).isFalse();
		assertThat(omitted.field("access_token")).isNotBlank();
		HttpResponseView next = this.http.refresh(token);
		assertThat(next.status()).as("the old token works: %s", next).isEqualTo(200);
		assertThat(next.field("refresh_token")).isNotEqualTo(token);
	}

	@Test
	void expiredAccessTokenIsAlreadyPastItsExp() throws Exception {
		String token = this.http.mintRefreshToken("demo-client", "read");
		script("client_id", "demo-client", "action", "expired_access_token");
		HttpResponseView refreshed = this.http.refresh(token);
		assertThat(refreshed.status()).isEqualTo(200);
		Instant exp = SignedJWT.parse(refreshed.field("access_token")).getJWTClaimsSet().getExpirationTime().toInstant();
		assertThat(exp).isBefore(Instant.now());
		assertThat(this.http.introspect(refreshed.field("access_token")).field("active")).isEqualTo("false");
		assertThat(this.http.refresh(refreshed.field("refresh_token")).status()).isEqualTo(200);
	}

	@Test
	void expiresInAsStringChangesOnlyThatField() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		script("client_id", "demo-client", "action", "expires_in_as_string");
		JsonNode scripted = this.http.refresh(token).json();
		assertThat(scripted.get("expires_in").isString()).isTrue();
		assertThat(scripted.get("expires_in").asString()).isEqualTo("600");
		JsonNode normal = this.http.refresh(scripted.get("refresh_token").asString()).json();
		assertThat(normal.get("expires_in").isNumber()).isTrue();
	}

	@Test
	void lostResponseCommitsTheRotationAndTheGraceWindowHandsBackTheSuccessor() {
		String token = this.http.mintRefreshToken("grace-client", "read");
		script("client_id", "grace-client", "action", "lost_response");
		assertThatThrownBy(() -> this.http.refresh("grace-client", "grace-secret", token, null))
			.as("no response at all").isInstanceOf(UncheckedIOException.class);
		HttpResponseView retried = this.http.refresh("grace-client", "grace-secret", token, null);
		assertThat(retried.status()).as("retry inside the grace window: %s", retried).isEqualTo(200);
		HttpResponseView again = this.http.refresh("grace-client", "grace-secret", token, null);
		assertThat(again.field("refresh_token")).as("the same successor every time")
			.isEqualTo(retried.field("refresh_token"));
	}

	@Test
	void lostResponseWithoutGraceLeavesThePresentedTokenRotatedOut() {
		String token = this.http.mintRefreshToken("demo-client", "read");
		script("client_id", "demo-client", "action", "lost_response");
		assertThatThrownBy(() -> this.http.refresh(token)).isInstanceOf(UncheckedIOException.class);
		assertThat(this.http.refresh(token).error()).isEqualTo("invalid_grant");
	}

	@Test
	void aSubjectScenarioTouchesOnlyThatUsersFamilies() {
		String alice = this.http.mint("demo-client", "alice", "read").field("refresh_token");
		String bob = this.http.mint("demo-client", "bob", "read").field("refresh_token");
		script("client_id", "demo-client", "subject", "bob", "action", "invalid_grant");
		assertThat(this.http.refresh(alice).status()).isEqualTo(200);
		assertThat(this.http.refresh(bob).error()).isEqualTo("invalid_grant");
		assertThat(this.http.refresh(bob).status()).isEqualTo(200);
	}

	@Test
	void scenariosAreListedWithWhatIsLeftAndCanBeDeleted() {
		String id = script("client_id", "demo-client", "action", "server_error", "times", "3").field("id");
		script("client_id", "other-client", "action", "delay", "delay_ms", "10");
		this.http.refresh(this.http.mintRefreshToken("demo-client", "read"));
		JsonNode listed = scenarios();
		assertThat(listed).hasSize(2);
		assertThat(listed.get(0).get("id").asString()).isEqualTo(id);
		assertThat(listed.get(0).get("remaining").asInt()).isEqualTo(2);
		assertThat(listed.get(1).get("delay_ms").asInt()).isEqualTo(10);

		HttpResponseView deleted = delete("/admin/scenarios/" + id);
		assertThat(deleted.status()).isEqualTo(204);
		assertThat(scenarios()).hasSize(1);
		HttpResponseView unknown = delete("/admin/scenarios/" + id);
		assertThat(unknown.status()).isEqualTo(404);
	}

	@Test
	void aScenarioThatCannotBeUnderstoodIsInvalidRequest() {
		for (Map<String, String> bad : new Map[] { ServerHttp.form("client_id", "demo-client", "action", "explode"),
				ServerHttp.form("client_id", "nobody", "action", "invalid_grant"),
				ServerHttp.form("action", "invalid_grant"),
				ServerHttp.form("client_id", "demo-client", "action", "delay"),
				ServerHttp.form("client_id", "demo-client", "action", "invalid_grant", "times", "0"),
				ServerHttp.form("client_id", "demo-client", "action", "rate_limited", "retry_after", "soon") }) {
			HttpResponseView response = this.http.postForm("/admin/scenarios", bad, "Authorization", bearer());
			assertThat(response.status()).as(bad.toString()).isEqualTo(400);
			assertThat(response.error()).isEqualTo("invalid_request");
		}
		assertThat(scenarios()).isEmpty();
	}

	private HttpResponseView script(String... form) {
		return this.http.postForm("/admin/scenarios", ServerHttp.form(form), "Authorization", bearer());
	}

	private JsonNode scenarios() {
		return this.http.get("/admin/scenarios", "Authorization", bearer()).json();
	}

	private HttpResponseView delete(String path) {
		return this.http.send(HttpRequest.newBuilder(URI.create(this.http.base() + path)).DELETE(), "Authorization",
				bearer());
	}

	private static String bearer() {
		return "Bearer " + ServerHttp.ADMIN_TOKEN;
	}
}
