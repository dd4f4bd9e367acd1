package dev.refreshserver.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A form body Tomcat cannot decode (a lone {@code %E9}) is a 400 JSON error on every path, and
 * nothing of it reaches the log: Tomcat's own handling logs an exception quoting the parameter.
 */
@ExtendWith(OutputCaptureExtension.class)
class UndecodableParametersTest extends ServerTest {

	@Test
	void anUndecodableFormBodyIsInvalidRequestAndIsNotLogged(CapturedOutput output) {
		String body = "refresh_t%E9oken=Zq8secretish0token0value0Zq8&grant_type=refresh_token";
		for (String path : new String[] { "/login", "/nowhere", "/oauth2/token/", "/oauth2/token", "/oauth2/revoke",
				"/admin/grants" }) {
			HttpResponseView response = this.http.post(path, "application/x-www-form-urlencoded", body);
			assertThat(response.status()).as(path + " " + response).isBetween(400, 499);
			assertThat(response.header("Content-Type")).as(path).contains("json");
		}
		assertThat(output.getOut()).doesNotContain("Zq8secretish0token0value0Zq8")
			.doesNotContain("InvalidParameterException");
	}
}
