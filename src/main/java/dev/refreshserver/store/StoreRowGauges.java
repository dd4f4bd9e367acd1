package dev.refreshserver.store;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Gauges {@code refresh.store.rows{table=...}}: the row count of each table, at
 * {@code /actuator/prometheus}. H2 keeps each table's row count, so there every scrape counts
 * afresh. Counting is a scan on PostgreSQL, so there the counts are taken at most every 30
 * seconds, on the thread of the scrape that finds them stale, and every gauge of that scrape
 * reads the same counts.
 */
@Component
public class StoreRowGauges {

	static final List<String> TABLES = List.of("token_family", "refresh_token", "authorization_code",
			"oauth2_authorization_consent", "oauth_client", "SPRING_SESSION", "SPRING_SESSION_ATTRIBUTES");

	private static final long MAX_AGE_NANOS = 30_000_000_000L;

	private final JdbcTemplate jdbc;

	private final Map<String, Long> counts = new ConcurrentHashMap<>();

	private long countedAt;

	private boolean counted;

	/** Whether the database is H2, where a count is cheap. */
	private final boolean h2;

	public StoreRowGauges(JdbcTemplate jdbc, MeterRegistry registry) {
		this.jdbc = jdbc;
		this.h2 = Boolean.TRUE.equals(jdbc.execute((ConnectionCallback<Boolean>) (connection) -> "H2"
			.equals(connection.getMetaData().getDatabaseProductName())));
		for (String table : TABLES) {
			Gauge.builder("refresh.store.rows", () -> count(table))
				.description("Rows in each table of the store (on PostgreSQL counted at most every 30 s)")
				.tag("table", table.toLowerCase())
				.register(registry);
		}
	}

	private long count(String table) {
		return this.h2 ? rows(table) : cachedCount(table);
	}

	private long rows(String table) {
		Long rows = this.jdbc.queryForObject("SELECT COUNT(*) FROM " + table, Long.class);
		return (rows != null) ? rows : 0L;
	}

	private synchronized long cachedCount(String table) {
		// the age of a cached count is not a decision about tokens: System.nanoTime, not the server clock
		if (!this.counted || System.nanoTime() - this.countedAt > MAX_AGE_NANOS) {
			for (String each : TABLES) {
				this.counts.put(each, rows(each));
			}
			this.countedAt = System.nanoTime();
			this.counted = true;
		}
		return this.counts.getOrDefault(table, 0L);
	}
}
