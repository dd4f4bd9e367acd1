package dev.refreshserver.keys;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Makes the {@link JWSSigner} for a signing key. RSA and EC keys are signed through AWS-LC
 * (the Amazon Corretto Crypto Provider) when its native library loads on this platform: an
 * RS256 signature there costs about a quarter of the JDK's, and signing is most of a refresh
 * (bench/README.md, "Profile"). Anywhere else, or when the native signer fails its self-test,
 * the JDK's providers sign, as Nimbus does by default. EdDSA always signs through Tink.
 */
final class JwsSigners {

	private static final Log logger = LogFactory.getLog(JwsSigners.class);

	private JwsSigners() {
	}

	static JWSSigner create(JWK key, JWSAlgorithm algorithm, boolean nativeCrypto) throws JOSEException {
		Provider provider = (nativeCrypto && (key instanceof RSAKey || key instanceof ECKey)) ? nativeProvider() : null;
		if (provider != null) {
			try {
				JWSSigner nativeSigner = nativeSigner(key, provider);
				selfTest(nativeSigner, key, algorithm);
				logger.info("Signing " + algorithm + " with " + provider.getName() + " (AWS-LC)");
				return nativeSigner;
			}
			catch (JOSEException | GeneralSecurityException | RuntimeException ex) {
				logger.warn("Native " + algorithm + " signer unusable (" + ex + "); signing with the JDK");
			}
		}
		return new DefaultJWSSignerFactory().createJWSSigner(key, algorithm);
	}

	private static Provider nativeProvider() {
		try {
			AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
			if (provider.getLoadingError() != null) {
				logger.info("Native crypto unavailable on this platform (" + provider.getLoadingError()
						+ "); signing with the JDK");
				return null;
			}
			return provider;
		}
		catch (LinkageError ex) {
			logger.info("Native crypto unavailable (" + ex + "); signing with the JDK");
			return null;
		}
	}

	// The key is converted to the provider's own key type once: handed a JDK key, the provider
	// would re-import it on every signature, which costs more than the signature saves.
	private static JWSSigner nativeSigner(JWK key, Provider provider)
			throws JOSEException, GeneralSecurityException {
		PrivateKey jdkKey = ((AsymmetricJWK) key).toPrivateKey();
		PrivateKey nativeKey = KeyFactory.getInstance(jdkKey.getAlgorithm(), provider)
			.generatePrivate(new PKCS8EncodedKeySpec(jdkKey.getEncoded()));
		if (key instanceof RSAKey) {
			RSASSASigner signer = new RSASSASigner(nativeKey);
			signer.getJCAContext().setProvider(provider);
			return signer;
		}
		ECDSASigner signer = new ECDSASigner((ECPrivateKey) nativeKey);
		signer.getJCAContext().setProvider(provider);
		return signer;
	}

	/** Signs once and verifies the result with the JDK, so a broken native signer is never used. */
	private static void selfTest(JWSSigner signer, JWK key, JWSAlgorithm algorithm)
			throws JOSEException {
		JWSHeader header = new JWSHeader(algorithm);
		JWSObject probe = new JWSObject(header, new Payload("self-test"));
		probe.sign(signer);
		if (!probe.verify(new DefaultJWSVerifierFactory().createJWSVerifier(header,
				((AsymmetricJWK) key).toPublicKey()))) {
			throw new JOSEException("self-test signature does not verify");
		}
	}
}
