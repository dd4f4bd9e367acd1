package dev.refreshserver.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.JWKGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import org.springframework.stereotype.Component;

import dev.refreshserver.config.RefreshProperties;

/**
 * The JWK set in {@code keys/jwks.json}: every signing key the server has used, newest last.
 * New access tokens are signed with the newest key of the configured algorithm; all keys
 * stay published in the JWKS so tokens signed by older keys keep verifying. When the file
 * has no key for the configured algorithm, one is generated and appended (that is also how
 * a fresh checkout gets its dev key).
 */
@Component
public class SigningKeys {

	static final String FILE_NAME = "jwks.json";

	private final JWKSet jwkSet;

	private final JWK current;

	private final JWSAlgorithm algorithm;

	private final JWSSigner signer;

	public SigningKeys(RefreshProperties properties) throws IOException, ParseException, JOSEException {
		this.algorithm = JWSAlgorithm.parse(properties.signingAlgorithm());
		Path file = properties.keysDir().resolve(FILE_NAME);
		List<JWK> keys = new ArrayList<>(Files.exists(file) ? JWKSet.load(file.toFile()).getKeys() : List.of());
		JWK newest = newestFor(keys, this.algorithm);
		if (newest == null) {
			newest = generate(this.algorithm);
			keys.add(newest);
			KeyFiles.writePrivate(file, new JWKSet(keys).toString(false));
		}
		this.jwkSet = new JWKSet(keys);
		this.current = newest;
		this.signer = JwsSigners.create(newest, this.algorithm, properties.nativeCrypto());
	}

	/** All keys, private parts included: never serve this; see {@link #publicKeys()}. */
	public JWKSet all() {
		return this.jwkSet;
	}

	/** What {@code /oauth2/jwks} publishes. */
	public JWKSet publicKeys() {
		return this.jwkSet.toPublicJWKSet();
	}

	public JWK current() {
		return this.current;
	}

	public JWSAlgorithm algorithm() {
		return this.algorithm;
	}

	/** Signer for the current key; Nimbus signers are thread-safe. */
	public JWSSigner signer() {
		return this.signer;
	}

	private static JWK newestFor(List<JWK> keys, JWSAlgorithm algorithm) {
		JWK newest = null;
		for (JWK key : keys) {
			if (algorithm.equals(key.getAlgorithm()) && key.isPrivate()) {
				newest = key;
			}
		}
		return newest;
	}

	private static JWK generate(JWSAlgorithm algorithm) throws JOSEException {
		JWKGenerator<? extends JWK> generator;
		if (JWSAlgorithm.Family.RSA.contains(algorithm)) {
			generator = new RSAKeyGenerator(2048);
		}
		else if (JWSAlgorithm.ES256.equals(algorithm)) {
			generator = new ECKeyGenerator(Curve.P_256);
		}
		else if (JWSAlgorithm.EdDSA.equals(algorithm) || JWSAlgorithm.Ed25519.equals(algorithm)) {
			generator = new OctetKeyPairGenerator(Curve.Ed25519);
		}
		else {
			throw new IllegalStateException("Unsupported signing algorithm " + algorithm
					+ "; choose RS256, PS256, ES256 or EdDSA");
		}
		return generator.keyUse(KeyUse.SIGNATURE)
			.algorithm(algorithm)
			.keyID(UUID.randomUUID().toString())
			.issueTime(new java.util.Date())
			.generate();
	}
}
