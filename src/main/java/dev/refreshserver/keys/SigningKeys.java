package dev.refreshserver.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.stereotype.Component;

import dev.refreshserver.config.RefreshProperties;

/**
 * The JWK set in {@code keys/jwks.json}: every signing key the server publishes, and which one
 * signs new access tokens. Every key stays published in the JWKS until it is retired, so tokens
 * signed by older keys keep verifying. The file also records the signing key's id and, for each
 * key that used to sign, when it stopped: a key may be retired only once every token it signed
 * has expired.
 *
 * <p>Lifecycle: {@link #add()} publishes a new key that signs nothing yet (so verifiers can
 * fetch it before they meet a token signed by it), {@link #activate(String)} makes it the
 * signing key, {@link #retire(String, Duration)} removes a key that no live token needs. At
 * start, when the signing key's algorithm is not {@code refresh.signing-algorithm}, the newest
 * key of that algorithm signs (one is generated when there is none: that is also how a fresh
 * checkout gets its dev key). Instances that share {@code keys/} see each other's changes:
 * the file is re-read within seconds of being rewritten.
 */
@Component
public class SigningKeys {

	static final String FILE_NAME = "jwks.json";

	private static final String SIGNING_KID = "signing_kid";

	private static final String STOPPED_SIGNING = "stopped_signing";

	private final Path file;

	private final JWSAlgorithm configuredAlgorithm;

	private final boolean nativeCrypto;

	private final Clock clock;

	/** How often readers look whether {@code jwks.json} changed under them. */
	private static final Duration RELOAD_CHECK = Duration.ofSeconds(2);

	private static final Log logger = LogFactory.getLog(SigningKeys.class);

	private volatile State state;

	private volatile long nextCheck = System.nanoTime() + RELOAD_CHECK.toNanos();

	private volatile FileTime loaded;

	public SigningKeys(RefreshProperties properties, Clock clock) throws IOException, ParseException, JOSEException {
		this.file = properties.keysDir().resolve(FILE_NAME);
		this.configuredAlgorithm = JWSAlgorithm.parse(properties.signingAlgorithm());
		this.nativeCrypto = properties.nativeCrypto();
		this.clock = clock;
		JWKSet stored = Files.exists(this.file) ? JWKSet.load(this.file.toFile()) : new JWKSet();
		List<JWK> keys = new ArrayList<>(stored.getKeys());
		Map<String, Instant> stopped = stoppedSigning(stored.getAdditionalMembers().get(STOPPED_SIGNING));
		JWK previous = find(keys, (String) stored.getAdditionalMembers().get(SIGNING_KID));
		JWK signing = (previous != null && this.configuredAlgorithm.equals(previous.getAlgorithm())) ? previous
				: newestFor(keys, this.configuredAlgorithm);
		if (signing == null) {
			signing = generate(this.configuredAlgorithm);
			keys.add(signing);
		}
		Instant now = clock.instant();
		for (JWK key : keys) {
			// a file from before this bookkeeping does not say which keys signed: assume all did, until now
			if (!key.getKeyID().equals(signing.getKeyID()) && (previous == null || key == previous)) {
				stopped.putIfAbsent(key.getKeyID(), now);
			}
		}
		stopped.remove(signing.getKeyID());
		this.state = save(keys, signing, stopped);
	}

	/** All keys, private parts included: never serve this; see {@link #publicKeys()}. */
	public JWKSet all() {
		return state().all;
	}

	/** What {@code /oauth2/jwks} publishes: every key not retired, public parts only. */
	public JWKSet publicKeys() {
		return state().published;
	}

	/** The key that signs new access tokens, its algorithm and signer, read together. */
	public Signing signing() {
		return state().signing;
	}

	public JWK current() {
		return state().signing.key();
	}

	public JWSAlgorithm algorithm() {
		return state().signing.algorithm();
	}

	/** Signer for the current key; Nimbus signers are thread-safe. */
	public JWSSigner signer() {
		return state().signing.signer();
	}

	/** Every key with where it stands in its lifecycle, oldest first. */
	public List<KeyStatus> status(Duration longestTokenLifetime) {
		State current = state();
		List<KeyStatus> keys = new ArrayList<>();
		for (JWK key : current.all.getKeys()) {
			Instant stopped = current.stopped.get(key.getKeyID());
			KeyStatus.Stage stage = key.getKeyID().equals(current.signing.key().getKeyID()) ? KeyStatus.Stage.SIGNING
					: (stopped == null) ? KeyStatus.Stage.PUBLISHED : KeyStatus.Stage.RETIRING;
			keys.add(new KeyStatus(key.getKeyID(), String.valueOf(key.getAlgorithm()), stage,
					(stopped != null) ? stopped.plus(longestTokenLifetime) : null));
		}
		return keys;
	}

	/** Generates a key of the configured algorithm and publishes it; it signs nothing until activated. */
	public synchronized KeyStatus add() throws IOException, JOSEException {
		reloadIfChanged(true);
		JWK key = generate(this.configuredAlgorithm);
		List<JWK> keys = new ArrayList<>(this.state.all.getKeys());
		keys.add(key);
		this.state = save(keys, this.state.signing.key(), this.state.stopped);
		return new KeyStatus(key.getKeyID(), key.getAlgorithm().getName(), KeyStatus.Stage.PUBLISHED, null);
	}

	/** Makes {@code kid} the signing key; the key it replaces keeps verifying its tokens. */
	public synchronized void activate(String kid) throws IOException, JOSEException {
		reloadIfChanged(true);
		JWK key = find(this.state.all.getKeys(), kid);
		if (key == null) {
			throw new UnknownKeyException(kid);
		}
		JWK previous = this.state.signing.key();
		if (previous.getKeyID().equals(kid)) {
			return;
		}
		Map<String, Instant> stopped = new LinkedHashMap<>(this.state.stopped);
		stopped.put(previous.getKeyID(), this.clock.instant());
		stopped.remove(kid);
		this.state = save(this.state.all.getKeys(), key, stopped);
	}

	/**
	 * Removes {@code kid} from the JWKS and the file, once no token it signed can still be live:
	 * a key that never signed at once, a key that stopped signing once
	 * {@code longestTokenLifetime} has passed since, the signing key never.
	 */
	public synchronized void retire(String kid, Duration longestTokenLifetime) throws IOException, JOSEException {
		reloadIfChanged(true);
		KeyStatus status = status(longestTokenLifetime).stream()
			.filter((candidate) -> candidate.kid().equals(kid))
			.findFirst()
			.orElseThrow(() -> new UnknownKeyException(kid));
		if (status.stage() == KeyStatus.Stage.SIGNING) {
			throw new KeyInUseException(kid, null);
		}
		if (status.verifiesUntil() != null && this.clock.instant().isBefore(status.verifiesUntil())) {
			throw new KeyInUseException(kid, status.verifiesUntil());
		}
		List<JWK> keys = new ArrayList<>(this.state.all.getKeys());
		keys.removeIf((key) -> key.getKeyID().equals(kid));
		Map<String, Instant> stopped = new LinkedHashMap<>(this.state.stopped);
		stopped.remove(kid);
		this.state = save(keys, this.state.signing.key(), stopped);
	}

	/**
	 * The state as read, checking at most every {@link #RELOAD_CHECK} whether another instance
	 * sharing {@code keys/} rewrote the file (the check paces file reads; it decides nothing
	 * about tokens, so it takes the JVM's monotonic time rather than the server clock).
	 */
	private State state() {
		if (System.nanoTime() - this.nextCheck >= 0) {
			try {
				reloadIfChanged(false);
			}
			catch (IOException | JOSEException | RuntimeException ex) {
				logger.warn("Keeping the signing keys in memory: re-reading " + this.file + " failed: " + ex);
			}
		}
		return this.state;
	}

	private synchronized void reloadIfChanged(boolean now) throws IOException, JOSEException {
		if (!now && System.nanoTime() - this.nextCheck < 0) {
			return;
		}
		this.nextCheck = System.nanoTime() + RELOAD_CHECK.toNanos();
		if (!Files.exists(this.file) || Files.getLastModifiedTime(this.file).equals(this.loaded)) {
			return;
		}
		FileTime modified = Files.getLastModifiedTime(this.file);
		JWKSet stored;
		try {
			stored = JWKSet.load(this.file.toFile());
		}
		catch (ParseException ex) {
			throw new IOException("not a JWK set: " + ex.getMessage(), ex);
		}
		JWK signing = find(stored.getKeys(), (String) stored.getAdditionalMembers().get(SIGNING_KID));
		if (signing == null) {
			throw new IllegalStateException("its signing_kid names no key of the file");
		}
		this.state = build(stored.getKeys(), signing, stoppedSigning(stored.getAdditionalMembers().get(STOPPED_SIGNING)));
		this.loaded = modified;
		logger.info("Signing keys re-read from " + this.file + ": signing key " + signing.getKeyID());
	}

	private State save(List<JWK> keys, JWK signing, Map<String, Instant> stopped) throws IOException, JOSEException {
		Map<String, Object> members = new LinkedHashMap<>();
		members.put(SIGNING_KID, signing.getKeyID());
		Map<String, Object> stoppedMember = new LinkedHashMap<>();
		stopped.forEach((kid, instant) -> stoppedMember.put(kid, instant.getEpochSecond()));
		members.put(STOPPED_SIGNING, stoppedMember);
		JWKSet all = new JWKSet(keys, members);
		KeyFiles.writePrivate(this.file, all.toString(false));
		this.loaded = Files.getLastModifiedTime(this.file);
		return build(keys, signing, stopped);
	}

	private State build(List<JWK> keys, JWK signing, Map<String, Instant> stopped) throws JOSEException {
		Signing current;
		if (this.state != null && this.state.signing.key().getKeyID().equals(signing.getKeyID())) {
			current = this.state.signing;
		}
		else {
			JWSAlgorithm algorithm = JWSAlgorithm.parse(signing.getAlgorithm().getName());
			current = new Signing(signing, algorithm, JwsSigners.create(signing, algorithm, this.nativeCrypto));
		}
		return new State(new JWKSet(keys), new JWKSet(new JWKSet(keys).toPublicJWKSet().getKeys()), current,
				Map.copyOf(stopped));
	}

	private static Map<String, Instant> stoppedSigning(Object member) {
		Map<String, Instant> stopped = new LinkedHashMap<>();
		if (member instanceof Map<?, ?> map) {
			map.forEach((kid, seconds) -> stopped.put(String.valueOf(kid),
					Instant.ofEpochSecond(((Number) seconds).longValue())));
		}
		return stopped;
	}

	private static JWK find(List<JWK> keys, String kid) {
		return (kid == null) ? null : keys.stream().filter((key) -> kid.equals(key.getKeyID())).findFirst().orElse(null);
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

	private JWK generate(JWSAlgorithm algorithm) throws JOSEException {
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
			.issueTime(Date.from(this.clock.instant()))
			.generate();
	}

	/** The key that signs new tokens, with its algorithm and signer. */
	public record Signing(JWK key, JWSAlgorithm algorithm, JWSSigner signer) {
	}

	/** One immutable view, swapped whole when a key is added, activated or retired. */
	private record State(JWKSet all, JWKSet published, Signing signing, Map<String, Instant> stopped) {
	}
}
