package dev.refreshserver.keys;

import java.nio.file.Path;
import java.time.Duration;

import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.RunningServer;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rotating the signing key through {@code /admin/keys}: a new key is published before it signs,
 * tokens of the old key keep verifying through the JWKS until they expire, and the old key
 * leaves the JWKS only when no live token needs it. (The default configuration: access tokens
 * live 10 minutes.)
 */
class KeyRotationTest {

	private static final String ADMIN = "Bearer " + ServerHttp.ADMIN_TOKEN;

	@TempDir
	Path state;

	@Test
	void oldKeyVerifiesItsTokensUntilTheyExpireAndOnlyThenRetires() throws Exception {
		String oldKid;
		String newKid;
		String newToken;
		try (RunningServer server = RunningServer.start(this.state)) {
			ServerHttp http = server.http();
			String oldToken = mintAccessToken(http);
			oldKid = kid(oldToken);

			HttpResponseView added = http.post("/admin/keys", null, "", "Authorization", ADMIN);
			assertThat(added.status()).as(added.toString()).isEqualTo(201);
			assertThat(added.field("state")).isEqualTo("published");
			newKid = added.field("kid");
			assertThat(jwks(http).getKeys()).extracting(JWK::getKeyID).containsExactly(oldKid, newKid);
			assertThat(kid(mintAccessToken(http))).as("a published key signs nothing before it is activated")
				.isEqualTo(oldKid);

			HttpResponseView activated = http.post("/admin/keys/" + newKid + "/activate", null, "", "Authorization", ADMIN);
			assertThat(activated.field("state")).as(activated.toString()).isEqualTo("signing");
			newToken = mintAccessToken(http);
			assertThat(kid(newToken)).isEqualTo(newKid);

			HttpResponseView refused = retire(http, oldKid);
			assertThat(refused.status()).isEqualTo(409);
			assertThat(refused.error()).isEqualTo("key_in_use");
			assertThat(refused.field("retirable_at")).isNotNull();
			assertThat(retire(http, newKid).status()).as("the signing key never retires").isEqualTo(409);

			server.clock().advance(Duration.ofMinutes(9));
			assertThat(verifies(oldToken, jwks(http))).isTrue();
			assertThat(http.introspect(oldToken).field("active")).isEqualTo("true");
			assertThat(retire(http, oldKid).status()).isEqualTo(409);

			server.clock().advance(Duration.ofMinutes(1).plusSeconds(1));
			assertThat(http.introspect(oldToken).field("active")).as("every token of the old key has expired")
				.isEqualTo("false");
			HttpResponseView retired = retire(http, oldKid);
			assertThat(retired.status()).as(retired.toString()).isEqualTo(200);
			assertThat(jwks(http).getKeys()).extracting(JWK::getKeyID).containsExactly(newKid);
			assertThat(verifies(newToken, jwks(http))).isTrue();
			assertThat(retire(http, "no-such-kid").error()).isEqualTo("not_found");
		}
		try (RunningServer restarted = RunningServer.start(this.state)) {
			ServerHttp http = restarted.http();
			assertThat(jwks(http).getKeys()).extracting(JWK::getKeyID).containsExactly(newKid);
			assertThat(kid(mintAccessToken(http))).as("the activated key still signs after a restart").isEqualTo(newKid);
			HttpResponseView listed = http.get("/admin/keys", "Authorization", ADMIN);
			assertThat(listed.json().get("keys").get(0).get("state").asString()).isEqualTo("signing");
		}
	}

	@Test
	void aKeyThatNeverSignedRetiresAtOnceAndKeysNeedTheAdminToken() throws Exception {
		try (RunningServer server = RunningServer.start(this.state)) {
			ServerHttp http = server.http();
			assertThat(http.post("/admin/keys", null, "").status()).isEqualTo(401);
			String kid = http.post("/admin/keys", null, "", "Authorization", ADMIN).field("kid");
			assertThat(retire(http, kid).status()).isEqualTo(200);
			assertThat(jwks(http).getKeys()).extracting(JWK::getKeyID).doesNotContain(kid).hasSize(1);
		}
		try (RunningServer server = RunningServer.start(this.state, "--refresh.admin.token=")) {
			assertThat(server.http().get("/admin/keys").status()).isEqualTo(404);
		}
	}

	@Test
	void anInstanceSharingTheKeysDirectorySeesAnotherInstancesRotation() throws Exception {
		Path keys = this.state.resolve("keys");
		try (RunningServer first = RunningServer.start(this.state.resolve("first"), "--refresh.keys-dir=" + keys);
				RunningServer second = RunningServer.start(this.state.resolve("second"), "--refresh.keys-dir=" + keys)) {
			String added = first.http().post("/admin/keys", null, "", "Authorization", ADMIN).field("kid");
			awaitTrue(() -> jwks(second.http()).getKeyByKeyId(added) != null);
			first.http().post("/admin/keys/" + added + "/activate", null, "", "Authorization", ADMIN);
			awaitTrue(() -> added.equals(kid(mintAccessToken(second.http()))));
		}
	}

	private interface Check {

		boolean holds() throws Exception;

	}

	/** The other instance re-reads the file within seconds. */
	private static void awaitTrue(Check check) throws Exception {
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(15);
		while (!check.holds()) {
			assertThat(System.nanoTime() - deadline).as("seen within 15 s").isNegative();
			Thread.sleep(200);
		}
	}

	private static HttpResponseView retire(ServerHttp http, String kid) {
		return http.post("/admin/keys/" + kid + "/retire", null, "", "Authorization", ADMIN);
	}

	private static String mintAccessToken(ServerHttp http) {
		HttpResponseView minted = http.mint("demo-client", "alice", "read");
		assertThat(minted.status()).as(minted.toString()).isEqualTo(200);
		return minted.field("access_token");
	}

	private static String kid(String jwt) throws Exception {
		return SignedJWT.parse(jwt).getHeader().getKeyID();
	}

	private static JWKSet jwks(ServerHttp http) throws Exception {
		JWKSet jwks = JWKSet.parse(http.get("/oauth2/jwks").body());
		assertThat(jwks.getKeys()).noneMatch(JWK::isPrivate);
		assertThat(jwks.getAdditionalMembers()).isEmpty();
		return jwks;
	}

	private static boolean verifies(String token, JWKSet jwks) throws Exception {
		SignedJWT jwt = SignedJWT.parse(token);
		JWK key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
		return key != null && jwt.verify(new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(),
				((AsymmetricJWK) key).toPublicKey()));
	}
}
