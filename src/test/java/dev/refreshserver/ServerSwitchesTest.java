package dev.refreshserver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.crypto.Ed25519Verifier;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.RunningServer;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/** The command-line switches users rely on, each exercised on a real start of the server. */
class ServerSwitchesTest {

	@TempDir
	Path state;

	@Test
	void signingAlgorithmSwitchAddsAKeyAndTheJwksKeepsTheOldOnes() throws Exception {
		List<String> accessTokens = new ArrayList<>();
		for (String algorithm : List.of("RS256", "ES256", "PS256", "EdDSA")) {
			try (RunningServer server = RunningServer.start(this.state, "--refresh.signing-algorithm=" + algorithm)) {
				ServerHttp http = server.http();
				String accessToken = http.mint("demo-client", "erin", "read").field("access_token");
				assertThat(SignedJWT.parse(accessToken).getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.parse(algorithm));
				accessTokens.add(accessToken);
				JWKSet jwks = JWKSet.parse(http.get("/oauth2/jwks").body());
				assertThat(jwks.getKeys()).hasSize(accessTokens.size()).noneMatch(JWK::isPrivate);
				for (String token : accessTokens) {
					assertThat(verifies(token, jwks)).as("%s verifies with the JWKS", token).isTrue();
				}
			}
		}
	}

	@Test
	void adminApiIsAbsentWithoutAToken() throws Exception {
		try (RunningServer server = RunningServer.start(this.state, "--refresh.admin.token=")) {
			HttpResponseView response = server.http().mint("demo-client", "erin", "read");
			assertThat(response.status()).isEqualTo(404);
			assertThat(response.error()).isEqualTo("not_found");
			HttpResponseView clock = server.http().postForm("/admin/clock", ServerHttp.form("advance", "P31D"),
					"Authorization", "Bearer " + ServerHttp.ADMIN_TOKEN);
			assertThat(clock.status()).as("the clock cannot move without the admin token").isEqualTo(404);
			assertThat(server.clock().offset()).isZero();
		}
	}

	@Test
	void adminApiRejectsAWrongToken() throws Exception {
		try (RunningServer server = RunningServer.start(this.state)) {
			HttpResponseView response = server.http().postForm("/admin/grants",
					ServerHttp.form("client_id", "demo-client", "subject", "erin"), "Authorization", "Bearer wrong");
			assertThat(response.status()).isEqualTo(401);
		}
	}

	@Test
	void metadataHealthAndMetricsAreServed() throws Exception {
		try (RunningServer server = RunningServer.start(this.state, "--refresh.issuer=https://issuer.example")) {
			ServerHttp http = server.http();
			HttpResponseView metadata = http.get("/.well-known/oauth-authorization-server");
			assertThat(metadata.field("issuer")).isEqualTo("https://issuer.example");
			assertThat(metadata.field("token_endpoint")).isEqualTo("https://issuer.example/oauth2/token");
			assertThat(metadata.json().get("grant_types_supported").toString()).contains("refresh_token")
				.doesNotContain("device_code");
			assertThat(metadata.json().get("token_endpoint_auth_methods_supported").toString())
				.contains("client_secret_basic", "client_secret_post", "none");
			assertThat(metadata.json().get("introspection_endpoint_auth_methods_supported").toString())
				.doesNotContain("none");
			assertThat(http.get("/.well-known/openid-configuration").json().get("jwks_uri").asString())
				.isEqualTo("https://issuer.example/oauth2/jwks");
			assertThat(http.get("/actuator/health").field("status")).isEqualTo("UP");
			assertThat(http.get("/actuator/prometheus").body()).contains("jvm_memory_used_bytes");
		}
	}

	private static boolean verifies(String token, JWKSet jwks) throws Exception {
		SignedJWT jwt = SignedJWT.parse(token);
		JWK key = jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
		if (key instanceof OctetKeyPair okp) {
			return jwt.verify(new Ed25519Verifier(okp));
		}
		return jwt.verify(new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(),
				((AsymmetricJWK) key).toPublicKey()));
	}
}
