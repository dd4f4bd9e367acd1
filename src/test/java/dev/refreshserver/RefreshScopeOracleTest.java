package dev.refreshserver;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerTest;

import static dev.refreshserver.support.ServerHttp.basic;
import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code scope} parameter tells nothing about a refresh token that cannot be used: validity is
 * decided first, and only a live token can get {@code invalid_scope}.
 */
@ExtendWith(OutputCaptureExtension.class)
class RefreshScopeOracleTest extends ServerTest {

	/** Each client has {@code read}; {@code write} is beyond every grant below. */
	private static final String GRANTED = "read";

	private static final String BEYOND_GRANT = "read write";

	private enum Client {

		PUBLIC("demo-public", null, "demo-client"), CONFIDENTIAL("demo-client", "demo-secret", "other-client");

		final String id;

		final String secret;

		/** A client whose tokens are foreign to this one. */
		final String other;

		Client(String id, String secret, String other) {
			this.id = id;
			this.secret = secret;
			this.other = other;
		}
	}

	private enum Dead {
		UNKNOWN, EXPIRED, REVOKED, ROTATED_OUT, FOREIGN
	}

	private record Case(Client client, Dead state, String scope) {

		@Override
		public String toString() {
			return this.client + " " + this.state + ((this.scope != null) ? " with scope " + this.scope : "");
		}
	}

	@Test
	void everyDeadTokenGetsTheSameAnswerWhateverTheScope() {
		List<Case> table = new ArrayList<>();
		for (Client client : Client.values()) {
			for (Dead state : Dead.values()) {
				for (String scope : new String[] { null, BEYOND_GRANT }) {
					table.add(new Case(client, state, scope));
				}
			}
		}
		// expired tokens first: a month later they are past their idle lifetime, the others are new
		Map<Case, String> tokens = new LinkedHashMap<>();
		table.stream().filter((c) -> c.state() == Dead.EXPIRED).forEach((c) -> tokens.put(c, mint(c.client().id)));
		this.clock.advance(Duration.ofDays(31));
		Map<Case, String> successors = new LinkedHashMap<>();
		for (Case c : table) {
			switch (c.state()) {
				case UNKNOWN -> tokens.put(c, "never-issued-" + c.client() + c.scope());
				case EXPIRED -> { }
				case REVOKED -> {
					tokens.put(c, mint(c.client().id));
					assertThat(revoke(c.client(), tokens.get(c)).status()).isEqualTo(200);
				}
				case ROTATED_OUT -> {
					tokens.put(c, mint(c.client().id));
					HttpResponseView rotated = refresh(c.client(), tokens.get(c), null);
					assertThat(rotated.status()).isEqualTo(200);
					successors.put(c, rotated.field("refresh_token"));
				}
				case FOREIGN -> tokens.put(c, mint(c.client().other));
			}
		}

		Map<Case, HttpResponseView> answers = new LinkedHashMap<>();
		table.forEach((c) -> answers.put(c, refresh(c.client(), tokens.get(c), c.scope())));

		HttpResponseView first = answers.values().iterator().next();
		assertThat(first.status()).isEqualTo(400);
		assertThat(first.error()).isEqualTo("invalid_grant");
		answers.forEach((c, answer) -> {
			assertThat(answer.status()).as(c.toString()).isEqualTo(first.status());
			assertThat(answer.body()).as(c.toString()).isEqualTo(first.body());
			assertThat(headersOf(answer)).as(c.toString()).isEqualTo(headersOf(first));
		});
		// a rotated-out token is reuse whatever the scope: its family is revoked
		successors.forEach((c, successor) -> assertThat(refresh(c.client(), successor, null).error())
			.as(c.toString())
			.isEqualTo("invalid_grant"));
	}

	@Test
	void aLiveTokenAskingBeyondItsGrantGetsInvalidScopeStaysLiveAndIsLogged(CapturedOutput output) {
		for (Client client : Client.values()) {
			String token = mint(client.id);

			HttpResponseView response = refresh(client, token, BEYOND_GRANT);

			assertThat(response.status()).isEqualTo(400);
			assertThat(response.error()).isEqualTo("invalid_scope");
			HttpResponseView stillLive = refresh(client, token, GRANTED);
			assertThat(stillLive.status()).as(client.toString()).isEqualTo(200);
			String family = familyOf(stillLive.field("access_token"));
			assertThat(output.getOut()).containsPattern("WARN .*event=scope_refused client_id=" + client.id
					+ " family=" + family);
			assertThat(output.getOut()).doesNotContain(token);
		}
	}

	private String mint(String clientId) {
		return this.http.mintRefreshToken(clientId, GRANTED);
	}

	private HttpResponseView refresh(Client client, String token, String scope) {
		Map<String, String> request = form("grant_type", "refresh_token", "refresh_token", token);
		if (scope != null) {
			request.put("scope", scope);
		}
		return send(client, "/oauth2/token", request);
	}

	private HttpResponseView revoke(Client client, String token) {
		return send(client, "/oauth2/revoke", form("token", token));
	}

	private HttpResponseView send(Client client, String path, Map<String, String> request) {
		if (client.secret == null) {
			request.put("client_id", client.id);
			return this.http.postForm(path, request);
		}
		return this.http.postForm(path, request, "Authorization", basic(client.id, client.secret));
	}

	/** The family id: the {@code sid} claim of an access token of the family. */
	private static String familyOf(String accessToken) {
		String claims = new String(Base64.getUrlDecoder().decode(accessToken.split("\\.")[1]), StandardCharsets.UTF_8);
		return new HttpResponseView(200, claims, null).field("sid");
	}

	/** Every header but the date, which differs from one second to the next. */
	private static Map<String, List<String>> headersOf(HttpResponseView response) {
		Map<String, List<String>> headers = new TreeMap<>(response.headers().map());
		headers.keySet().removeIf((name) -> name.equalsIgnoreCase("date"));
		return headers;
	}
}
