package dev.refreshserver.admin;

import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.IdTokenChecks;
import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.ServerTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scripted ID-token faults: the next {@code times} refresh responses of the client carry an ID
 * token a relying party must reject (Nimbus' validator does, for the reason named), while the
 * refresh itself happened; then the ID tokens are right again.
 */
class IdTokenScenarioTest extends ServerTest {

	@AfterEach
	void clearScenarios() {
		this.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(this.http.base() + "/admin/scenarios"))
			.DELETE(), "Authorization", "Bearer " + ServerHttp.ADMIN_TOKEN);
	}

	@ParameterizedTest
	@CsvSource({ "id_token_wrong_iss, issuer", "id_token_wrong_sub, ", "id_token_wrong_aud, audience",
			"id_token_bad_signature, signature" })
	void aWrongRefreshedIdTokenArrivesExactlyTimesTimesThenTheRightOne(String action, String complaint)
			throws Exception {
		HttpResponseView minted = this.http.mint("demo-client", "alice", "openid profile");
		IDTokenClaimsSet original = validator().validate(JWTParser.parse(minted.field("id_token")), null);
		script("client_id", "demo-client", "action", action, "times", "2");
		String refreshToken = minted.field("refresh_token");
		for (int i = 0; i < 2; i++) {
			HttpResponseView refreshed = this.http.refresh(refreshToken);
			assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
			String idToken = refreshed.field("id_token");
			if (complaint != null) {
				assertThatThrownBy(() -> validator().validate(JWTParser.parse(idToken), null))
					.isInstanceOf(BadJOSEException.class)
					.hasMessageContaining(complaint);
			}
			else {
				// a correctly signed token about someone else: the relying party must compare sub (§12.2)
				IDTokenClaimsSet other = validator().validate(JWTParser.parse(idToken), null);
				assertThat(other.getSubject()).isNotEqualTo(original.getSubject());
			}
			assertThat(this.http.introspect(refreshed.field("access_token")).field("active"))
				.as("the refresh itself happened").isEqualTo("true");
			refreshToken = refreshed.field("refresh_token");
		}
		HttpResponseView normal = this.http.refresh(refreshToken);
		IDTokenClaimsSet renewed = validator().validate(JWTParser.parse(normal.field("id_token")), null);
		assertThat(renewed.getSubject()).isEqualTo(original.getSubject());
		assertThat(this.http.get("/admin/scenarios", "Authorization", "Bearer " + ServerHttp.ADMIN_TOKEN).json())
			.isEmpty();
	}

	@Test
	void aRefreshWithoutAnIdTokenIsLeftAlone() {
		String refreshToken = this.http.mintRefreshToken("demo-client", "read");
		script("client_id", "demo-client", "action", "id_token_wrong_sub");

		HttpResponseView refreshed = this.http.refresh(refreshToken);

		assertThat(refreshed.status()).isEqualTo(200);
		assertThat(refreshed.json().has("id_token")).isFalse();
	}

	private void script(String... form) {
		HttpResponseView queued = this.http.postForm("/admin/scenarios", ServerHttp.form(form), "Authorization",
				"Bearer " + ServerHttp.ADMIN_TOKEN);
		assertThat(queued.status()).as(queued.toString()).isEqualTo(201);
	}

	private IDTokenValidator validator() {
		return IdTokenChecks.validator(this.http, "demo-client");
	}
}
