package dev.refreshserver.protocol;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.refreshserver.support.RawHttp;
import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.ServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request limits of config/application.yml: headers up to 8 KB, a form or JSON body up to
 * 64 KB, at most 100 parameters. Within them a request is judged on its content; past them it is
 * refused with a JSON error, whichever layer refuses it; so are requests the container itself
 * refuses (a method it does not know, TRACE).
 */
class RequestLimitsTest extends ServerTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private RawHttp raw;

	@BeforeEach
	void connectRaw() {
		this.raw = new RawHttp(this.port);
	}

	@Test
	void headersOverEightKilobytesGetJson400() {
		RawHttp.Response response = send(refresh("x").withHeader("X-Filler", "a".repeat(9 * 1024)));
		assertError(response, 400, "invalid_request");
	}

	@Test
	void headersWithinTheLimitAreJudgedOnTheirContent() {
		RawHttp.Response response = send(refresh("x").withHeader("X-Filler", "a".repeat(6 * 1024)));
		assertError(response, 400, "invalid_grant");
	}

	@Test
	void formBodyOverSixtyFourKilobytesIs413() {
		assertError(send(refresh("A".repeat(65 * 1024))), 413, "invalid_request");
		assertError(send(new RawRequest("POST", "/oauth2/introspect", List.of(),
				("token=" + "A".repeat(1024 * 1024)).getBytes(StandardCharsets.US_ASCII), 4096)
			.withHeader("Content-Type", "application/x-www-form-urlencoded")
			.withHeader("Authorization", ServerHttp.basic("demo-client", "demo-secret"))), 413, "invalid_request");
	}

	@Test
	void formBodyWithinTheLimitIsJudgedOnItsContent() {
		assertError(send(refresh("A".repeat(60 * 1024))), 400, "invalid_grant");
	}

	@Test
	void moreThanOneHundredParametersIsInvalidRequest() {
		StringBuilder extra = new StringBuilder();
		for (int i = 0; i < 98; i++) {
			extra.append("&p").append(i).append("=1");
		}
		assertError(send(refresh("x" + extra)), 400, "invalid_grant"); // 100 parameters
		assertError(send(refresh("x" + extra + "&p98=1")), 400, "invalid_request"); // 101
	}

	@Test
	void jsonBodyOverSixtyFourKilobytesIs413() {
		byte[] json = ("{\"grant_type\":\"refresh_token\",\"client_id\":\"webex-client\","
				+ "\"client_secret\":\"webex-secret\",\"refresh_token\":\"" + "A".repeat(65 * 1024) + "\"}")
			.getBytes(StandardCharsets.US_ASCII);
		assertError(send(new RawRequest("POST", "/oauth2/token", List.of(), json, 0).withHeader("Content-Type",
				"application/json")), 413, "invalid_request");
	}

	@Test
	void aMethodTheContainerDoesNotKnowIs405Json() {
		RawHttp.Response response = send(refresh("x").withMethod("CONNECT").withTarget("/oauth2/token"));
		assertThat(response.status()).as(response.toString()).isEqualTo(405);
		assertThat(response.header("content-type")).startsWith("application/json");
		assertThat(JSON.readTree(response.text()).path("error").asString()).isEqualTo("invalid_request");
	}

	@Test
	void traceOnAnEndpointIs405JsonEvenForABrowser() {
		for (String accept : List.of("text/html", "application/json")) {
			RawHttp.Response response = send(refresh("x").withMethod("TRACE").withHeader("Accept", accept));
			assertError(response, 405, "invalid_request");
			assertThat(response.header("allow")).isEqualTo("POST");
		}
	}

	@Test
	void aPathParameterWithBrokenPercentEncodingIs400Json() {
		for (String target : List.of("/oauth2/token;x=%zz", "/oauth2/t;ken%zz", "/oauth2/token;%")) {
			assertError(send(refresh("x").withTarget(target)), 400, "invalid_request");
		}
	}

	private static RawRequest refresh(String refreshToken) {
		return new RawRequest("POST", "/oauth2/token", List.of(),
				("grant_type=refresh_token&refresh_token=" + refreshToken).getBytes(StandardCharsets.US_ASCII), 0)
			.withHeader("Content-Type", "application/x-www-form-urlencoded")
			.withHeader("Authorization", ServerHttp.basic("demo-client", "demo-secret"));
	}

	private RawHttp.Response send(RawRequest request) {
		return this.raw.exchange(request.bytes());
	}

	private static void assertError(RawHttp.Response response, int status, String error) {
		assertThat(response.status()).as(response.toString()).isEqualTo(status);
		assertThat(response.header("content-type")).as(response.toString()).startsWith("application/json");
		assertThat(response.header("cache-control")).as(response.toString()).isEqualTo("no-store");
		assertThat(JSON.readTree(response.text()).path("error").asString()).as(response.toString()).isEqualTo(error);
	}
}
