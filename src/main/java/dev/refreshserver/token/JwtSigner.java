package dev.refreshserver.token;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import org.springframework.stereotype.Component;

import dev.refreshserver.keys.SigningKeys;

/**
 * Signs the JWTs this server issues (access tokens, ID tokens) with the current signing key and
 * its algorithm, so every token a client gets verifies against the same JWKS.
 */
@Component
public class JwtSigner {

	private final SigningKeys keys;

	/** The header per token type for the current signing key, rebuilt when another key starts signing. */
	private final Map<JOSEObjectType, SignedWith> headers = new ConcurrentHashMap<>();

	public JwtSigner(SigningKeys keys) {
		this.keys = keys;
	}

	/** The key that signs now: read once per token, so a claim that depends on its algorithm agrees with it. */
	public SigningKeys.Signing current() {
		return this.keys.signing();
	}

	public SignedJWT sign(JOSEObjectType type, JWTClaimsSet claims) {
		return sign(current(), type, claims);
	}

	public SignedJWT sign(SigningKeys.Signing signing, JOSEObjectType type, JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(header(signing, type), claims);
		try {
			jwt.sign(signing.signer());
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Signing a " + type + " failed", ex);
		}
		return jwt;
	}

	private JWSHeader header(SigningKeys.Signing signing, JOSEObjectType type) {
		SignedWith with = this.headers.get(type);
		if (with == null || with.signing() != signing) {
			with = new SignedWith(signing,
					new JWSHeader.Builder(signing.algorithm()).type(type).keyID(signing.key().getKeyID()).build());
			this.headers.put(type, with);
		}
		return with.header();
	}

	private record SignedWith(SigningKeys.Signing signing, JWSHeader header) {
	}
}
