package dev.refreshserver.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

import dev.refreshserver.config.RefreshProperties;

/**
 * The HMAC-SHA256 keys that authenticate refresh tokens ({@code keys/refresh-token.keys}, 0600):
 * one line {@code <id> <base64 key>} per key, ids 1 to 255, the last line the key new tokens are
 * made with. Every key in the file verifies, so rotating is appending a line (docs/storage.md,
 * "Keys"): tokens made under older keys keep working until their key is removed. A
 * token naming an id this instance does not know makes it re-read the file (at most every two
 * seconds), so instances sharing {@code keys/} accept each other's new key at once.
 */
@Component
public class RefreshTokenKeys {

	static final String FILE_NAME = "refresh-token.keys";

	/** The length of a MAC, and of a key. */
	public static final int MAC_BYTES = 32;

	private static final Duration RELOAD_INTERVAL = Duration.ofSeconds(2);

	private final Path file;

	private final SecureRandom random = new SecureRandom();

	private volatile Keys keys;

	private volatile long nextReload;

	public RefreshTokenKeys(RefreshProperties properties) throws IOException {
		this.file = properties.keysDir().resolve(FILE_NAME);
		if (!Files.exists(this.file)) {
			KeyFiles.writePrivate(this.file, line(1, freshKey()));
		}
		this.keys = read(this.file);
		this.nextReload = System.nanoTime();
	}

	/** The id of the key new tokens are made with. */
	public int currentId() {
		return this.keys.currentId;
	}

	/**
	 * The MAC of {@code data[0..length)} under key {@code id}, or null when no such key exists
	 * (then the token cannot be ours).
	 */
	public byte[] mac(int id, byte[] data, int length) {
		Key key = this.keys.byId.get(id);
		if (key == null && System.nanoTime() - this.nextReload >= 0) {
			reload();
			key = this.keys.byId.get(id);
		}
		if (key == null) {
			return null;
		}
		Mac mac = key.mac.get();
		mac.update(data, 0, length);
		return mac.doFinal();
	}

	/**
	 * Whether the {@link #MAC_BYTES} bytes after {@code data[0..length)} are its MAC under key
	 * {@code id}; compared in constant time, so timing tells nothing about a forged MAC.
	 */
	public boolean verify(int id, byte[] data, int length) {
		byte[] expected = mac(id, data, length);
		return expected != null && data.length == length + MAC_BYTES
				&& MessageDigest.isEqual(expected, Arrays.copyOfRange(data, length, length + MAC_BYTES));
	}

	private synchronized void reload() {
		this.nextReload = System.nanoTime() + RELOAD_INTERVAL.toNanos();
		try {
			this.keys = read(this.file);
		}
		catch (IOException | RuntimeException ex) {
			// keep the keys we have: a half-edited file must not stop refreshes
		}
	}

	private byte[] freshKey() {
		byte[] key = new byte[MAC_BYTES];
		this.random.nextBytes(key);
		return key;
	}

	private static String line(int id, byte[] key) {
		return id + " " + Base64.getEncoder().encodeToString(key) + "\n";
	}

	private static Keys read(Path file) throws IOException {
		Map<Integer, Key> byId = new LinkedHashMap<>();
		int current = 0;
		for (String line : Files.readAllLines(file)) {
			String trimmed = line.trim();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			String[] parts = trimmed.split("\\s+");
			int id = Integer.parseInt(parts[0]);
			if (parts.length != 2 || id < 1 || id > 255) {
				throw new IllegalStateException(file + ": each line must be '<id 1-255> <base64 key>'");
			}
			byte[] secret = Base64.getDecoder().decode(parts[1]);
			if (secret.length < MAC_BYTES) {
				throw new IllegalStateException(file + ": key " + id + " is shorter than 256 bits");
			}
			byId.put(id, new Key(secret));
			current = id;
		}
		if (current == 0) {
			throw new IllegalStateException(file + " holds no key");
		}
		return new Keys(Map.copyOf(byId), current);
	}

	private record Keys(Map<Integer, Key> byId, int currentId) {
	}

	/** One key, with a MAC instance per thread (a {@link Mac} is not thread safe). */
	private static final class Key {

		final ThreadLocal<Mac> mac;

		Key(byte[] secret) {
			SecretKeySpec spec = new SecretKeySpec(secret, "HmacSHA256");
			this.mac = ThreadLocal.withInitial(() -> {
				try {
					Mac instance = Mac.getInstance("HmacSHA256");
					instance.init(spec);
					return instance;
				}
				catch (GeneralSecurityException ex) {
					throw new IllegalStateException("HMAC-SHA256 is required of every JRE", ex);
				}
			});
		}
	}
}
