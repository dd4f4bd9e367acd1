package dev.refreshserver.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Token families in SQL that H2 and PostgreSQL both run: one row per family, however often it
 * is refreshed (docs/storage.md). A refresh is one read of the family row by its primary key and
 * one conditional write of that row; nothing here knows the grant rules.
 */
// A @Component, not a @Repository: JdbcTemplate already turns SQL errors into Spring's data
// access exceptions, and @Repository's translation proxy would wrap every call in reflection.
@Component
public class RefreshTokenStore {

	private static final String SELECT_FAMILY = """
			SELECT id, client_id, subject, granted_scope, created_at, expires_at, revoked_at,
			       generation, token_hash, token_issued_at, token_expires_at, rotated_at, predecessor_hash,
			       successor_sealed, auth_time, login_claims
			FROM token_family WHERE id = ?""";

	private static final String INSERT_FAMILY = """
			INSERT INTO token_family (id, client_id, subject, granted_scope, created_at, expires_at,
			       generation, token_hash, token_issued_at, token_expires_at, auth_time, login_claims)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

	/**
	 * Every write of a refresh names the generation it read and requires the family unrevoked,
	 * in the WHERE clause of the one row it changes. The database serialises writes of a row, so
	 * of concurrent refreshes of one token exactly one finds its generation still current, and a
	 * revocation that committed first (it writes the same row) makes the refresh change nothing.
	 */
	private static final String WHERE_LIVE = " WHERE id = ? AND generation = ? AND revoked_at IS NULL";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	/**
	 * Where the refresh grant's single-row writes are made durable on an H2 file. Elsewhere they
	 * run in auto-commit: PostgreSQL's commit of one statement already waits for its write-ahead
	 * log, and leaving out BEGIN and COMMIT makes a refresh two round trips (read, write) instead of three.
	 */
	private final RotationJournal journal;

	/** Whether {@code refresh_token} held rows when first looked at (null: not yet); see {@link #findLegacyFamilyId}. */
	private volatile Boolean legacyRows;

	public RefreshTokenStore(JdbcTemplate jdbc, TransactionTemplate transactions, RotationJournal journal) {
		this.jdbc = jdbc;
		this.transactions = transactions;
		this.journal = journal;
	}

	/** Stores a new family with the state of its first refresh token (or of none) and its login. */
	public void open(TokenFamily family, RefreshState first, FamilyLogin login) {
		this.transactions.executeWithoutResult(
				(status) -> this.jdbc.update(INSERT_FAMILY, familyColumns(family, first, login)));
	}

	/** Batch form of {@link #open}, for filling a store with many grants at once. */
	public void openAll(List<TokenFamily> families, List<RefreshState> firsts) {
		this.transactions.executeWithoutResult((status) -> this.jdbc.batchUpdate(INSERT_FAMILY,
				IntStream.range(0, families.size())
					.mapToObj((i) -> familyColumns(families.get(i), firsts.get(i), null))
					.toList()));
	}

	public Optional<StoredFamily> find(String familyId) {
		return this.jdbc.query(SELECT_FAMILY, RefreshTokenStore::stored, familyId).stream().findFirst();
	}

	public Optional<TokenFamily> findFamily(String familyId) {
		return find(familyId).map(StoredFamily::family);
	}

	/**
	 * Legacy: the family of a refresh token issued before tokens named their family (a row of
	 * {@code refresh_token}, kept from the upgrade; none are written any more).
	 */
	public Optional<String> findLegacyFamilyId(String tokenHash) {
		if (this.legacyRows == null) {
			// nothing writes this table any more: in a store created after the upgrade it is empty, and
			// 43-character garbage then costs no read at all
			this.legacyRows = !this.jdbc.queryForList("SELECT 1 FROM refresh_token LIMIT 1", Integer.class).isEmpty();
		}
		if (!this.legacyRows) {
			return Optional.empty();
		}
		return this.jdbc.queryForList("SELECT family_id FROM refresh_token WHERE token_hash = ?", String.class, tokenHash)
			.stream()
			.findFirst();
	}

	/**
	 * Replaces generation {@code from} by {@code next}, if {@code from} is still the live
	 * generation of a live family (see {@link #WHERE_LIVE}).
	 * @return true when this call won the rotation
	 */
	public boolean rotate(String familyId, long from, RefreshState next) {
		return updatesLiveFamily(new JournalRecord.Rotation(familyId, next), """
				UPDATE token_family SET generation = ?, token_hash = ?, token_issued_at = ?, token_expires_at = ?,
				       rotated_at = ?, predecessor_hash = ?, successor_sealed = ?""" + WHERE_LIVE, next.generation(),
				next.tokenHash(), next.issuedAt().toEpochMilli(), next.expiresAt().toEpochMilli(),
				millis(next.rotatedAt()), next.predecessorHash(), next.successorSealed(), familyId, from);
	}

	/** Reuse mode: the live token lives on with a new idle expiry, if it and its family still live. */
	public boolean extend(String familyId, long generation, Instant expiresAt) {
		return updatesLiveFamily(new JournalRecord.Extension(familyId, generation, expiresAt),
				"UPDATE token_family SET token_expires_at = ?" + WHERE_LIVE, expiresAt.toEpochMilli(),
				familyId, generation);
	}

	/**
	 * Grace-window retry: confirms that {@code generation} is still live in a live family by
	 * writing its row, so a revocation committed before this call is seen, and one committed
	 * after it waits for this call (the retry's answer is then already decided).
	 */
	public boolean confirmLive(String familyId, long generation) {
		return updatesLiveFamily(null, "UPDATE token_family SET generation = generation" + WHERE_LIVE, familyId,
				generation);
	}

	/**
	 * One conditional write of the family row, durable when this returns, with {@code change}
	 * the row's new state for the journal (null: the write changes no column).
	 */
	private boolean updatesLiveFamily(JournalRecord change, String update, Object... arguments) {
		if (this.journal.enabled()) {
			return this.journal.write(change, () -> this.jdbc.update(update, arguments) == 1);
		}
		return this.jdbc.update(update, arguments) == 1;
	}

	/**
	 * Revokes a family, and with it every token it ever issued (they all name it); revoking twice
	 * keeps the first reason. The sealed successor goes at once: nothing may receive it any more.
	 */
	public void revokeFamily(String familyId, Instant at, String reason) {
		this.transactions.executeWithoutResult((status) -> this.jdbc.update("""
				UPDATE token_family SET revoked_at = ?, revoked_reason = ?, predecessor_hash = NULL,
				       successor_sealed = NULL
				WHERE id = ? AND revoked_at IS NULL""", at.toEpochMilli(), reason, familyId));
	}

	/** @param login null: the user counts as logged in when the family opened, with no claims */
	private static Object[] familyColumns(TokenFamily family, RefreshState first, FamilyLogin login) {
		return new Object[] { family.id(), family.clientId(), family.subject(), String.join(" ", family.grantedScope()),
				family.createdAt().toEpochMilli(), millis(family.expiresAt()), first.generation(), first.tokenHash(),
				millis(first.issuedAt()), millis(first.expiresAt()), (login != null) ? millis(login.authTime()) : null,
				(login != null) ? login.claims() : null };
	}

	/** By position, in the order of {@link #SELECT_FAMILY}: finding columns by name showed in profiles of a refresh. */
	private static StoredFamily stored(ResultSet rs, int row) throws SQLException {
		TokenFamily family = new TokenFamily(rs.getString(1), rs.getString(2), rs.getString(3), scope(rs.getString(4)),
				instant(rs, 5), instant(rs, 6), instant(rs, 7));
		long generation = rs.getLong(8);
		RefreshState tokens = new RefreshState(rs.wasNull() ? null : generation, rs.getString(9), instant(rs, 10),
				instant(rs, 11), instant(rs, 12), rs.getString(13), rs.getString(14));
		// a family opened without a recorded login logged in when it opened
		Instant authTime = instant(rs, 15);
		FamilyLogin login = new FamilyLogin((authTime != null) ? authTime : family.createdAt(), rs.getString(16));
		return new StoredFamily(family, tokens, login);
	}

	static Set<String> scope(String column) {
		return column.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(column.split(" ")));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		return instant(rs, rs.findColumn(column));
	}

	static Instant instant(ResultSet rs, int column) throws SQLException {
		long millis = rs.getLong(column);
		return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
	}

	static Long millis(Instant instant) {
		return (instant != null) ? instant.toEpochMilli() : null;
	}
}
