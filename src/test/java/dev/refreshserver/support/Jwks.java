package dev.refreshserver.support;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import static org.assertj.core.api.Assertions.assertThat;

/** Verifies an access token as a resource server would: with the public keys a server publishes. */
public final class Jwks {

	private Jwks() {
	}

	/** Checks {@code accessToken} is an RS256 {@code at+jwt} signed by a key in the JWKS of {@code http}. */
	public static JWTClaimsSet verify(ServerHttp http, String accessToken) throws Exception {
		JWKSet jwks = JWKSet.parse(http.get("/oauth2/jwks").body());
		SignedJWT jwt = SignedJWT.parse(accessToken);
		assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
		assertThat(jwt.getHeader().getKeyID()).isNotBlank();
		RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
		assertThat(key).as("kid %s in JWKS", jwt.getHeader().getKeyID()).isNotNull();
		assertThat(key.isPrivate()).isFalse();
		JWSVerifier verifier = new DefaultJWSVerifierFactory().createJWSVerifier(jwt.getHeader(), key.toPublicKey());
		assertThat(jwt.verify(verifier)).isTrue();
		return jwt.getJWTClaimsSet();
	}
}
