package dev.refreshserver.client;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * {@code refresh.brute-force.*}: after {@code maxFailures} failed client authentications within
 * {@code window}, for one client id or from one remote address, that client id or address is
 * locked out for {@code lockout} (429 with {@code Retry-After}); only credentials already verified
 * recently still pass. At most {@code maxTracked} client ids and addresses are remembered.
 */
@ConfigurationProperties("refresh.brute-force")
public record BruteForceProperties(int maxFailures, Duration window, Duration lockout, long maxTracked) {

	public BruteForceProperties {
		Assert.isTrue(maxFailures > 0, "refresh.brute-force.max-failures must be positive");
		Assert.isTrue(positive(window), "refresh.brute-force.window must be positive");
		Assert.isTrue(positive(lockout), "refresh.brute-force.lockout must be positive");
		Assert.isTrue(maxTracked > 0, "refresh.brute-force.max-tracked must be positive");
	}

	private static boolean positive(Duration duration) {
		return duration != null && !duration.isNegative() && !duration.isZero();
	}
}
