package dev.refreshserver.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.refreshserver.refresh.RefreshPolicies;
import dev.refreshserver.refresh.RefreshPolicy;

/**
 * Deletes what can no longer be used (docs/storage.md, "Purge"), by the server clock:
 * families past their idle or absolute expiry, once the last access token they issued has
 * expired too (introspection would otherwise call it inactive early); families revoked longer
 * ago than the retention; expired authorization codes (redeemed ones after the retention, so a
 * replay still revokes meanwhile); expired login sessions. It also drops grace-window seals
 * whose window has closed.
 *
 * <p>Families are walked along their primary key, {@code batchSize} rows per read, and each
 * batch's deletions are one short transaction that locks only the rows it deletes: no index on
 * expiry is needed (it would be rewritten by every refresh), and a refresh of a live family never
 * waits for the purge, except for the rare clearing of its own stale seal. Every deletion
 * repeats its condition in its WHERE clause, so a row that changed since it was read stays.
 * Counters {@code refresh.store.purged{removed=...}} count what went.
 */
@Component
public class StorePurge {

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final PurgeProperties properties;

	private final Supplier<Duration> longestAccessTtl;

	private final Map<String, Counter> removed;

	public StorePurge(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock, PurgeProperties properties,
			RefreshPolicies policies, MeterRegistry registry) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.clock = clock;
		this.properties = properties;
		this.longestAccessTtl = policies::longestAccessTtl;
		this.removed = Map.of("expired_families", counter(registry, "expired_families"), "revoked_families",
				counter(registry, "revoked_families"), "legacy_refresh_tokens", counter(registry, "legacy_refresh_tokens"),
				"grace_seals", counter(registry, "grace_seals"), "authorization_codes",
				counter(registry, "authorization_codes"), "sessions", counter(registry, "sessions"));
	}

	/** One whole purge, as of the server clock's now; safe to run on several instances at once. */
	public synchronized PurgeReport purge() {
		Instant now = this.clock.instant();
		Cutoffs cutoffs = new Cutoffs(now.minus(this.longestAccessTtl.get()).toEpochMilli(),
				now.minus(this.properties.revokedRetention()).toEpochMilli(),
				now.minus(RefreshPolicy.MAX_GRACE).toEpochMilli());
		int[] families = purgeFamilies(cutoffs);
		int codes = deleteInBatches("""
				DELETE FROM authorization_code WHERE id IN (
				    SELECT id FROM authorization_code
				    WHERE expires_at <= ? AND (consumed_at IS NULL OR expires_at <= ?) ORDER BY expires_at LIMIT ?)""",
				now.toEpochMilli(), cutoffs.revoked);
		// ON DELETE CASCADE takes each session's attributes with it
		int sessions = deleteInBatches("""
				DELETE FROM SPRING_SESSION WHERE PRIMARY_ID IN (
				    SELECT PRIMARY_ID FROM SPRING_SESSION WHERE EXPIRY_TIME < ? ORDER BY EXPIRY_TIME LIMIT ?)""",
				now.toEpochMilli());
		PurgeReport report = new PurgeReport(families[0], families[1], families[2], families[3], codes, sessions);
		count(report);
		return report;
	}

	/** @return expired families, revoked families, legacy token rows, seals cleared */
	private int[] purgeFamilies(Cutoffs cutoffs) {
		int[] totals = new int[4];
		String after = "";
		while (true) {
			List<FamilyRow> rows = this.jdbc.query("""
					SELECT id, expires_at, token_expires_at, revoked_at, rotated_at, successor_sealed IS NOT NULL AS sealed
					FROM token_family WHERE id > ? ORDER BY id LIMIT ?""",
					(rs, row) -> new FamilyRow(rs.getString("id"), millis(rs, "expires_at"), millis(rs, "token_expires_at"),
							millis(rs, "revoked_at"), millis(rs, "rotated_at"), rs.getBoolean("sealed")),
					after, this.properties.batchSize());
			if (rows.isEmpty()) {
				return totals;
			}
			after = rows.get(rows.size() - 1).id;
			int[] batch = purgeBatch(rows, cutoffs);
			for (int i = 0; i < totals.length; i++) {
				totals[i] += batch[i];
			}
		}
	}

	private int[] purgeBatch(List<FamilyRow> rows, Cutoffs cutoffs) {
		List<String> expired = new ArrayList<>();
		List<String> revoked = new ArrayList<>();
		List<String> sealed = new ArrayList<>();
		for (FamilyRow row : rows) {
			boolean ended = before(row.expiresAt, cutoffs.expired) || before(row.tokenExpiresAt, cutoffs.expired);
			if (row.revokedAt == null && ended) {
				expired.add(row.id);
			}
			else if (row.revokedAt != null && row.revokedAt <= cutoffs.revoked) {
				revoked.add(row.id);
			}
			else if (row.sealed && before(row.rotatedAt, cutoffs.sealed)) {
				sealed.add(row.id);
			}
		}
		if (expired.isEmpty() && revoked.isEmpty() && sealed.isEmpty()) {
			return new int[4];
		}
		return this.transactions.execute((status) -> {
			List<String> gone = new ArrayList<>(expired);
			gone.addAll(revoked);
			// tokens issued before the upgrade keep a row each, which refers to its family
			int legacy = updateIn("DELETE FROM refresh_token WHERE family_id IN", gone);
			int expiredCount = updateIn("""
					DELETE FROM token_family WHERE revoked_at IS NULL
					AND ((expires_at IS NOT NULL AND expires_at <= ?)
					     OR (token_expires_at IS NOT NULL AND token_expires_at <= ?))
					AND id IN""", expired, cutoffs.expired, cutoffs.expired);
			int revokedCount = updateIn("DELETE FROM token_family WHERE revoked_at <= ? AND id IN", revoked,
					cutoffs.revoked);
			int seals = updateIn("""
					UPDATE token_family SET predecessor_hash = NULL, successor_sealed = NULL
					WHERE rotated_at <= ? AND id IN""", sealed, cutoffs.sealed);
			return new int[] { expiredCount, revokedCount, legacy, seals };
		});
	}

	/** Runs {@code statement (?, ?, ...)} over {@code ids}, after the leading arguments. */
	private int updateIn(String statement, List<String> ids, Object... leading) {
		if (ids.isEmpty()) {
			return 0;
		}
		List<Object> arguments = new ArrayList<>(List.of(leading));
		arguments.addAll(ids);
		return this.jdbc.update(statement + " (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")",
				arguments.toArray());
	}

	/** Runs a bounded DELETE (its last parameter the batch size) until it deletes less than a batch. */
	private int deleteInBatches(String delete, Object... arguments) {
		List<Object> withLimit = new ArrayList<>(List.of(arguments));
		withLimit.add(this.properties.batchSize());
		int total = 0;
		int deleted;
		do {
			deleted = this.transactions.execute((status) -> this.jdbc.update(delete, withLimit.toArray()));
			total += deleted;
		}
		while (deleted == this.properties.batchSize());
		return total;
	}

	private void count(PurgeReport report) {
		this.removed.get("expired_families").increment(report.expiredFamilies());
		this.removed.get("revoked_families").increment(report.revokedFamilies());
		this.removed.get("legacy_refresh_tokens").increment(report.legacyTokens());
		this.removed.get("grace_seals").increment(report.sealsCleared());
		this.removed.get("authorization_codes").increment(report.authorizationCodes());
		this.removed.get("sessions").increment(report.sessions());
	}

	private static Long millis(ResultSet rs, String column) throws SQLException {
		long millis = rs.getLong(column);
		return rs.wasNull() ? null : millis;
	}

	private static boolean before(Long millis, long cutoff) {
		return millis != null && millis <= cutoff;
	}

	private static Counter counter(MeterRegistry registry, String what) {
		return Counter.builder("refresh.store.purged")
			.description("Rows the store purge removed (or, for grace_seals, cleared)")
			.tag("removed", what)
			.register(registry);
	}

	/** Epoch-millisecond limits: at or before each, a row of that kind goes. */
	private record Cutoffs(long expired, long revoked, long sealed) {
	}

	private record FamilyRow(String id, Long expiresAt, Long tokenExpiresAt, Long revokedAt, Long rotatedAt,
			boolean sealed) {
	}
}
