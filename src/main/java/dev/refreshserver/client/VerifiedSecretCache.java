package dev.refreshserver.client;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import org.springframework.security.crypto.password.PasswordEncoder;

import dev.refreshserver.refresh.RefreshTokens;

/**
 * A password encoder that remembers, for a few minutes, the outcome of checking a (secret,
 * stored hash) pair, so that a client refreshing many times pays the slow password hash once
 * rather than on every request, and a client retrying with the same wrong secret does not burn
 * a bcrypt per retry. Successes and failures are kept in separate caches so that a flood of
 * distinct wrong secrets cannot evict the verified ones. The key is a SHA-256 of the pair, never
 * the secret. Changing a client's stored hash changes every key, so an old secret is never
 * accepted from the cache.
 */
public class VerifiedSecretCache implements PasswordEncoder {

	private final PasswordEncoder delegate;

	private final Cache<String, Boolean> verified;

	private final Cache<String, Boolean> refused;

	/** Per stored hash: whether it should be re-encoded (a regular expression per request otherwise). */
	private final Cache<String, Boolean> outdated;

	public VerifiedSecretCache(PasswordEncoder delegate, Duration ttl, long maximumSize) {
		this.delegate = delegate;
		this.verified = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).build();
		this.refused = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(maximumSize).build();
		this.outdated = Caffeine.newBuilder().maximumSize(maximumSize).build();
	}

	@Override
	public String encode(CharSequence rawPassword) {
		return this.delegate.encode(rawPassword);
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		if (rawPassword == null || encodedPassword == null) {
			return false;
		}
		String key = key(rawPassword, encodedPassword);
		if (this.verified.getIfPresent(key) != null) {
			return true;
		}
		if (this.refused.getIfPresent(key) != null) {
			return false;
		}
		boolean matches = this.delegate.matches(rawPassword, encodedPassword);
		(matches ? this.verified : this.refused).put(key, Boolean.TRUE);
		return matches;
	}

	/**
	 * Whether this pair was verified by the slow hash within the last few minutes: answered from
	 * memory, never by running the hash (what a locked-out client is still let through with).
	 */
	public boolean recentlyVerified(CharSequence rawPassword, String encodedPassword) {
		return rawPassword != null && encodedPassword != null
				&& this.verified.getIfPresent(key(rawPassword, encodedPassword)) != null;
	}

	private static String key(CharSequence rawPassword, String encodedPassword) {
		return RefreshTokens.hash(encodedPassword + '\u0000' + rawPassword);
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		if (encodedPassword == null) {
			return this.delegate.upgradeEncoding(null);
		}
		return this.outdated.get(encodedPassword, this.delegate::upgradeEncoding);
	}
}
