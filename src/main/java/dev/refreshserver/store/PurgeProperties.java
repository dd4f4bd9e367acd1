package dev.refreshserver.store;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.Assert;

/**
 * {@code refresh.purge.*}: every {@code interval} the store purge deletes expired families and
 * codes, expired login sessions, and revoked families once {@code revokedRetention} has passed
 * since their revocation, {@code batchSize} rows per short transaction.
 */
@ConfigurationProperties("refresh.purge")
public record PurgeProperties(Duration interval, Duration revokedRetention, int batchSize) {

	public PurgeProperties {
		Assert.isTrue(interval != null && !interval.isNegative() && !interval.isZero(),
				"refresh.purge.interval must be positive");
		Assert.isTrue(revokedRetention != null && !revokedRetention.isNegative(),
				"refresh.purge.revoked-retention must not be negative");
		Assert.isTrue(batchSize > 0 && batchSize <= 10_000, "refresh.purge.batch-size must be between 1 and 10000");
	}
}
