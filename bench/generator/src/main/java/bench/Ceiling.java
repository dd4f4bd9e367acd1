package bench;

import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jca.JCAAware;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.AsymmetricJWK;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetKeyPairGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * The signing ceiling of this box: pure Nimbus JOSE+JWT signing of an RFC 9068-shaped access token
 * (fresh claims and jti each time, serialized), N threads, no HTTP, no database. Run in a child JVM
 * with the servers' java so the number belongs to the same runtime.
 * {@code java -cp bench-generator.jar bench.Ceiling --seconds=5 --threads=2 [--algs=RS256,RS256-awslc,...]}
 * prints one line per algorithm. {@code RS256} and {@code ES256} sign with Nimbus's default, the JDK's
 * providers; {@code RS256-awslc} and {@code ES256-awslc} through AWS-LC (Amazon Corretto Crypto
 * Provider), as our server does where that provider loads (its keys/JwsSigners).
 */
public final class Ceiling {

	public static void main(String[] args) throws Exception {
		int seconds = 5;
		int threads = Runtime.getRuntime().availableProcessors();
		List<String> algs = List.of("RS256", "RS256-awslc", "ES256", "ES256-awslc", "EdDSA");
		for (String a : args) {
			if (a.startsWith("--seconds=")) {
				seconds = Integer.parseInt(a.substring(10));
			}
			else if (a.startsWith("--threads=")) {
				threads = Integer.parseInt(a.substring(10));
			}
			else if (a.startsWith("--algs=")) {
				algs = List.of(a.substring(7).split(","));
			}
		}
		// one line per algorithm: "ceiling ALG TOTAL_PER_S PER_THREAD_PER_S" (or "ceiling ALG error MESSAGE")
		System.out.println("java " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		for (String alg : algs) {
			try {
				Map<String, Object> r = measure(alg, threads, seconds);
				System.out.println("ceiling " + alg + " " + r.get("total") + " " + r.get("per_thread"));
			}
			catch (Throwable ex) {
				System.out.println("ceiling " + alg + " error " + String.valueOf(ex).replace('\n', ' '));
			}
		}
		System.out.println("cpu " + Cpu.process(ProcessHandle.current().pid()));
	}

	static Map<String, Object> measure(String alg, int threads, int seconds) throws Exception {
		boolean awsLc = alg.endsWith("-awslc");
		JWSAlgorithm jwsAlg = JWSAlgorithm.parse(alg.replace("-awslc", ""));
		JWK key = switch (jwsAlg.getName()) {
			case "RS256" -> new RSAKeyGenerator(2048).keyIDFromThumbprint(true).generate();
			case "ES256" -> new ECKeyGenerator(Curve.P_256).keyIDFromThumbprint(true).generate();
			case "EdDSA" -> new OctetKeyPairGenerator(Curve.Ed25519).keyIDFromThumbprint(true).generate();
			default -> throw new IllegalArgumentException(alg);
		};
		JWSSigner[] signers = new JWSSigner[threads];
		for (int i = 0; i < threads; i++) {
			signers[i] = awsLc ? awsLcSigner(key) : new DefaultJWSSignerFactory().createJWSSigner(key, jwsAlg);
		}
		JWSHeader header = new JWSHeader.Builder(jwsAlg).type(new JOSEObjectType("at+jwt")).keyID(key.getKeyID()).build();
		// warm-up (JIT) for 2 s, then measure
		run(signers, header, 2);
		double perSecond = run(signers, header, seconds);
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("total", Load.round(perSecond, 0));
		m.put("per_thread", Load.round(perSecond / threads, 0));
		return m;
	}

	private static Provider awsLc() {
		AmazonCorrettoCryptoProvider provider = AmazonCorrettoCryptoProvider.INSTANCE;
		if (provider.getLoadingError() != null) {
			throw new IllegalStateException("AWS-LC not available here: " + provider.getLoadingError());
		}
		return provider;
	}

	// The key is imported once, as the server does: a JDK key would be re-imported on every signature.
	@SuppressWarnings("unchecked")
	private static JWSSigner awsLcSigner(JWK jwk) throws Exception {
		PrivateKey jdkKey = ((AsymmetricJWK) jwk).toPrivateKey();
		PrivateKey key = KeyFactory.getInstance(jdkKey.getAlgorithm(), awsLc())
			.generatePrivate(new PKCS8EncodedKeySpec(jdkKey.getEncoded()));
		JWSSigner signer = (jwk instanceof RSAKey) ? new RSASSASigner(key) : new ECDSASigner((ECPrivateKey) key);
		((JCAAware<JCAContext>) signer).getJCAContext().setProvider(awsLc());
		return signer;
	}

	private static double run(JWSSigner[] signers, JWSHeader header, int seconds) throws InterruptedException {
		AtomicBoolean stop = new AtomicBoolean();
		LongAdder count = new LongAdder();
		List<Thread> ts = new ArrayList<>();
		for (JWSSigner signer : signers) {
			Thread t = new Thread(() -> {
				long n = 0;
				try {
					while (!stop.get()) {
						Instant now = Instant.now();
						JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer("http://127.0.0.1:9000")
							.subject("user-" + (n % 1000))
							.audience("demo-client")
							.issueTime(java.util.Date.from(now))
							.expirationTime(java.util.Date.from(now.plusSeconds(600)))
							.jwtID(UUID.randomUUID().toString())
							.claim("client_id", "demo-client")
							.claim("scope", "read write")
							.build();
						SignedJWT jwt = new SignedJWT(header, claims);
						jwt.sign(signer);
						if (jwt.serialize().isEmpty()) {
							throw new IllegalStateException();
						}
						n++;
					}
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
				count.add(n);
			}, "ceiling");
			ts.add(t);
		}
		long t0 = System.nanoTime();
		ts.forEach(Thread::start);
		Thread.sleep(seconds * 1000L);
		stop.set(true);
		for (Thread t : ts) {
			t.join(10_000);
		}
		double elapsed = (System.nanoTime() - t0) / 1e9;
		return count.sum() / elapsed;
	}
}
