package dev.refreshserver.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Families and refresh tokens in SQL that H2 and PostgreSQL both run. Every refresh costs one
 * indexed lookup by token hash and one conditional write; nothing here knows the grant rules.
 */
@Repository
public class RefreshTokenStore {

	private static final String SELECT_PRESENTED = """
			SELECT t.token_hash, t.family_id, t.state, t.issued_at, t.expires_at, t.rotated_at,
			       t.successor_hash, t.successor_sealed,
			       f.client_id, f.subject, f.granted_scope, f.created_at, f.expires_at AS family_expires_at,
			       f.revoked_at
			FROM refresh_token t JOIN token_family f ON f.id = t.family_id
			WHERE t.token_hash = ?""";

	private static final String INSERT_FAMILY = """
			INSERT INTO token_family (id, client_id, subject, granted_scope, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?)""";

	private static final String INSERT_TOKEN = """
			INSERT INTO refresh_token (token_hash, family_id, state, issued_at, expires_at)
			VALUES (?, ?, 'active', ?, ?)""";

	/** Appended to the conditional writes of a refresh: the family must not have been revoked. */
	private static final String AND_FAMILY_NOT_REVOKED = """
			 AND NOT EXISTS (SELECT 1 FROM token_family f
			                 WHERE f.id = refresh_token.family_id AND f.revoked_at IS NOT NULL)""";

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transactions;

	public RefreshTokenStore(JdbcTemplate jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	/**
	 * Stores a new family with its first refresh token, atomically.
	 * @param first the first refresh token, or null for a family of access tokens only
	 */
	public void open(TokenFamily family, RefreshTokenRecord first) {
		this.transactions.executeWithoutResult((status) -> {
			insertFamily(family);
			if (first != null) {
				insertToken(first);
			}
		});
	}

	public Optional<PresentedToken> find(String tokenHash) {
		return this.jdbc.query(SELECT_PRESENTED, RefreshTokenStore::presented, tokenHash).stream().findFirst();
	}

	public Optional<TokenFamily> findFamily(String familyId) {
		return this.jdbc.query("""
				SELECT id, client_id, subject, granted_scope, created_at, expires_at, revoked_at
				FROM token_family WHERE id = ?""", (rs, row) -> new TokenFamily(rs.getString("id"),
				rs.getString("client_id"), rs.getString("subject"), scope(rs.getString("granted_scope")),
				instant(rs, "created_at"), instant(rs, "expires_at"), instant(rs, "revoked_at")), familyId)
			.stream()
			.findFirst();
	}

	/**
	 * Retires {@code presented} in favour of {@code successor}, only if it is still active.
	 * The compare-and-set in the WHERE clause is what makes concurrent refreshes of one token
	 * yield exactly one winner: the database serialises the two UPDATEs on the row, and the
	 * second finds the state no longer 'active' and updates nothing. The same WHERE clause reads
	 * the family, so a revocation that committed before this statement always wins, even one that
	 * did not reach this token's row.
	 * @return true when this call won the rotation (the successor is then stored)
	 */
	public boolean rotate(String presentedHash, Instant rotatedAt, RefreshTokenRecord successor,
			String successorSealed) {
		Boolean won = this.transactions.execute((status) -> {
			int updated = this.jdbc.update("""
					UPDATE refresh_token
					SET state = 'rotated', rotated_at = ?, successor_hash = ?, successor_sealed = ?
					WHERE token_hash = ? AND state = 'active'""" + AND_FAMILY_NOT_REVOKED, rotatedAt.toEpochMilli(),
					successor.tokenHash(), successorSealed, presentedHash);
			if (updated == 0) {
				return false;
			}
			insertToken(successor);
			return true;
		});
		return Boolean.TRUE.equals(won);
	}

	/** Reuse mode: the same token lives on with a new expiry, if it and its family are still active. */
	public boolean extend(String tokenHash, Instant expiresAt) {
		return updatesLiveToken("UPDATE refresh_token SET expires_at = ? WHERE token_hash = ? AND state = 'active'",
				expiresAt.toEpochMilli(), tokenHash);
	}

	/**
	 * Grace-window retry: confirms that {@code tokenHash} is still the live token of a live family
	 * by writing its row, so a revocation committed before this call is seen, and one committed
	 * after it waits for this call (the retry's answer is then already decided).
	 */
	public boolean confirmActive(String tokenHash) {
		return updatesLiveToken("UPDATE refresh_token SET state = state WHERE token_hash = ? AND state = 'active'",
				tokenHash);
	}

	/** One conditional write of a live token of a live family, as its own durable transaction. */
	private boolean updatesLiveToken(String update, Object... arguments) {
		return Boolean.TRUE.equals(this.transactions
			.execute((status) -> this.jdbc.update(update + AND_FAMILY_NOT_REVOKED, arguments) == 1));
	}

	/** Revokes a family and every refresh token in it; revoking twice keeps the first reason. */
	public void revokeFamily(String familyId, Instant at, String reason) {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.update("""
					UPDATE token_family SET revoked_at = ?, revoked_reason = ?
					WHERE id = ? AND revoked_at IS NULL""", at.toEpochMilli(), reason, familyId);
			this.jdbc.update("UPDATE refresh_token SET state = 'revoked' WHERE family_id = ? AND state <> 'revoked'",
					familyId);
		});
	}

	private void insertFamily(TokenFamily family) {
		this.jdbc.update(INSERT_FAMILY, family.id(), family.clientId(), family.subject(),
				String.join(" ", family.grantedScope()), family.createdAt().toEpochMilli(), millis(family.expiresAt()));
	}

	private void insertToken(RefreshTokenRecord token) {
		this.jdbc.update(INSERT_TOKEN, token.tokenHash(), token.familyId(), token.issuedAt().toEpochMilli(),
				token.expiresAt().toEpochMilli());
	}

	/** Batch form of {@link #open}, for filling a store with many grants at once. */
	public void openAll(List<TokenFamily> families, List<RefreshTokenRecord> firsts) {
		this.transactions.executeWithoutResult((status) -> {
			this.jdbc.batchUpdate(INSERT_FAMILY, families, 1000, (ps, family) -> {
				ps.setString(1, family.id());
				ps.setString(2, family.clientId());
				ps.setString(3, family.subject());
				ps.setString(4, String.join(" ", family.grantedScope()));
				ps.setLong(5, family.createdAt().toEpochMilli());
				ps.setObject(6, millis(family.expiresAt()));
			});
			this.jdbc.batchUpdate(INSERT_TOKEN, firsts, 1000, (ps, token) -> {
				ps.setString(1, token.tokenHash());
				ps.setString(2, token.familyId());
				ps.setLong(3, token.issuedAt().toEpochMilli());
				ps.setLong(4, token.expiresAt().toEpochMilli());
			});
		});
	}

	private static PresentedToken presented(ResultSet rs, int row) throws SQLException {
		RefreshTokenRecord token = new RefreshTokenRecord(rs.getString("token_hash"), rs.getString("family_id"),
				RefreshTokenRecord.State.of(rs.getString("state")), instant(rs, "issued_at"),
				instant(rs, "expires_at"), instant(rs, "rotated_at"), rs.getString("successor_hash"),
				rs.getString("successor_sealed"));
		TokenFamily family = new TokenFamily(token.familyId(), rs.getString("client_id"), rs.getString("subject"),
				scope(rs.getString("granted_scope")), instant(rs, "created_at"), instant(rs, "family_expires_at"),
				instant(rs, "revoked_at"));
		return new PresentedToken(token, family);
	}

	static Set<String> scope(String column) {
		return column.isEmpty() ? Set.of() : new LinkedHashSet<>(Arrays.asList(column.split(" ")));
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		long millis = rs.getLong(column);
		return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
	}

	static Long millis(Instant instant) {
		return (instant != null) ? instant.toEpochMilli() : null;
	}
}
