package dev.refreshserver.keys;

import java.security.Provider;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jca.JCAAware;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

import static org.assertj.core.api.Assertions.assertThat;

/** Which provider signs access tokens, and that what it signs verifies with the JDK. */
class JwsSignersTest {

	@Test
	@EnabledOnOs(value = OS.LINUX, architectures = "amd64")
	void rsaAndEcKeysSignThroughAwsLcOnLinuxX8664() throws Exception {
		RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
		JWSSigner rs256 = JwsSigners.create(rsa, JWSAlgorithm.RS256, true);
		assertThat(providerOf(rs256).getName()).isEqualTo("AmazonCorrettoCryptoProvider");
		assertThat(sign(rs256, JWSAlgorithm.RS256).verify(new RSASSAVerifier(rsa))).isTrue();

		ECKey ec = new ECKeyGenerator(Curve.P_256).keyID("ec").generate();
		JWSSigner es256 = JwsSigners.create(ec, JWSAlgorithm.ES256, true);
		assertThat(providerOf(es256).getName()).isEqualTo("AmazonCorrettoCryptoProvider");
		assertThat(sign(es256, JWSAlgorithm.ES256).verify(new ECDSAVerifier(ec))).isTrue();
	}

	@Test
	void nativeCryptoSwitchedOffSignsWithTheJdk() throws Exception {
		RSAKey rsa = new RSAKeyGenerator(2048).keyID("rsa").generate();
		JWSSigner rs256 = JwsSigners.create(rsa, JWSAlgorithm.RS256, false);
		assertThat(providerOf(rs256)).isNull();
		assertThat(sign(rs256, JWSAlgorithm.RS256).verify(new RSASSAVerifier(rsa))).isTrue();
	}

	@SuppressWarnings("unchecked")
	private static Provider providerOf(JWSSigner signer) {
		return ((JCAAware<JCAContext>) signer).getJCAContext().getProvider();
	}

	private static JWSObject sign(JWSSigner signer, JWSAlgorithm algorithm) throws Exception {
		JWSObject jws = new JWSObject(new JWSHeader(algorithm), new Payload("{\"sub\":\"erin\"}"));
		jws.sign(signer);
		return JWSObject.parse(jws.serialize());
	}
}
