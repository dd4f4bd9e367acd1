package dev.refreshserver.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The TLS key pair of the server, as PEM files in {@code keys/}: {@code tls.crt} and
 * {@code tls.key}. When absent, a self-signed development certificate for {@code localhost}
 * and {@code 127.0.0.1} is generated; replace both files with real ones for production.
 */
public final class TlsCertificate {

	public static final String CERTIFICATE_FILE = "tls.crt";

	public static final String PRIVATE_KEY_FILE = "tls.key";

	private static final Duration VALIDITY = Duration.ofDays(825);

	private TlsCertificate() {
	}

	/** Makes sure both files exist in {@code keysDir}. */
	public static void ensure(Path keysDir) throws IOException {
		Path certificate = keysDir.resolve(CERTIFICATE_FILE);
		Path privateKey = keysDir.resolve(PRIVATE_KEY_FILE);
		if (Files.exists(certificate) && Files.exists(privateKey)) {
			return;
		}
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
			generator.initialize(2048);
			KeyPair pair = generator.generateKeyPair();
			X500Name subject = new X500Name("CN=localhost");
			Instant now = Clock.systemUTC().instant();
			JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
					new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofDays(1))),
					Date.from(now.plus(VALIDITY)), subject, pair.getPublic());
			builder.addExtension(Extension.subjectAlternativeName, false,
					new GeneralNames(new GeneralName[] { new GeneralName(GeneralName.dNSName, "localhost"),
							new GeneralName(GeneralName.iPAddress, "127.0.0.1") }));
			KeyFiles.writePrivate(privateKey, pem(new JcaPKCS8Generator(pair.getPrivate(), null).generate()));
			KeyFiles.writePrivate(certificate,
					pem(builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()))));
		}
		catch (GeneralSecurityException | OperatorCreationException ex) {
			throw new IllegalStateException("Generating the development TLS certificate failed", ex);
		}
	}

	/**
	 * A TLS client context that trusts exactly the certificate in {@code certificateFile}: for
	 * calls of the server to itself over loopback (the playground) and for tests.
	 */
	public static SSLContext trusting(Path certificateFile) {
		try (InputStream certificate = Files.newInputStream(certificateFile)) {
			KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
			store.load(null, null);
			store.setCertificateEntry("server", CertificateFactory.getInstance("X.509").generateCertificate(certificate));
			TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
			factory.init(store);
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, factory.getTrustManagers(), null);
			return context;
		}
		catch (IOException | GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot trust the server's own TLS certificate", ex);
		}
	}

	private static String pem(Object object) throws IOException {
		StringWriter out = new StringWriter();
		try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
			writer.writeObject(object);
		}
		return out.toString();
	}
}
