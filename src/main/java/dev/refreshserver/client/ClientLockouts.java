package dev.refreshserver.client;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import org.springframework.stereotype.Component;

import dev.refreshserver.refresh.RefreshTokens;

/**
 * Failed client authentications counted per client id and per remote address, and the lockouts
 * they lead to. Both live in bounded Caffeine caches, so a flood of made-up client ids or
 * addresses costs a fixed amount of memory. Failures count in a fixed window from the first one;
 * a lockout lasts its full duration from the failure that triggered it. Time is the JVM's
 * monotonic clock, not the server's dev clock: moving that clock neither lifts nor extends a lockout.
 */
@Component
public class ClientLockouts {

	/** A client id longer than this is remembered by its hash, so a long id costs no more memory. */
	private static final int MAX_KEY_LENGTH = 128;

	private final int maxFailures;

	private final Duration lockout;

	private final Ticker ticker;

	private final Cache<String, AtomicInteger> failures;

	private final Cache<String, Long> lockedUntil;

	public ClientLockouts(BruteForceProperties properties) {
		this.maxFailures = properties.maxFailures();
		this.lockout = properties.lockout();
		this.ticker = Ticker.systemTicker();
		this.failures = Caffeine.newBuilder()
			.ticker(this.ticker)
			.expireAfterWrite(properties.window())
			.maximumSize(properties.maxTracked())
			.build();
		this.lockedUntil = Caffeine.newBuilder()
			.ticker(this.ticker)
			.expireAfterWrite(properties.lockout())
			.maximumSize(properties.maxTracked())
			.build();
	}

	/** One failed client authentication naming {@code clientId} (may be null) from {@code address}. */
	public void recordFailure(String clientId, String address) {
		if (clientId != null) {
			recordFailure(clientKey(clientId));
		}
		recordFailure(addressKey(address));
	}

	/** How much longer the client id or the address stays locked out, or {@link Duration#ZERO}. */
	public Duration lockedFor(String clientId, String address) {
		long now = this.ticker.read();
		long until = Math.max(until(addressKey(address)), (clientId != null) ? until(clientKey(clientId)) : 0);
		return (until > now) ? Duration.ofNanos(until - now) : Duration.ZERO;
	}

	private void recordFailure(String key) {
		if (this.lockedUntil.getIfPresent(key) != null) {
			return;
		}
		// get() creates the counter once; incrementing it is no write, so the window starts at the first failure
		int count = this.failures.get(key, (k) -> new AtomicInteger()).incrementAndGet();
		if (count >= this.maxFailures) {
			this.lockedUntil.put(key, this.ticker.read() + this.lockout.toNanos());
			this.failures.invalidate(key);
		}
	}

	private long until(String key) {
		Long until = this.lockedUntil.getIfPresent(key);
		return (until != null) ? until : 0;
	}

	private static String clientKey(String clientId) {
		return "client:" + ((clientId.length() <= MAX_KEY_LENGTH) ? clientId : RefreshTokens.hash(clientId));
	}

	private static String addressKey(String address) {
		return "address:" + address;
	}
}
