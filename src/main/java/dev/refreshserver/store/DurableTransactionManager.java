package dev.refreshserver.store;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * The transaction manager of every write: a commit returns only once the transaction is durable
 * against a crash of this process, so no response can announce a rotation, a grant or a
 * revocation that a restart would forget.
 *
 * <p>PostgreSQL's commit already waits for its write-ahead log. H2 in file mode, by default,
 * writes committed changes to its file up to half a second later (its write delay): a SIGKILL in
 * between loses acknowledged rotations. Here each H2 commit is followed by a write of the
 * store that covers it, in groups ({@link GroupCommit}): one write serves every transaction that
 * committed while the previous write was under way, which costs far less than H2's own
 * {@code WRITE_DELAY=0} (one write per commit, each waiting for the last).
 */
public class DurableTransactionManager extends JdbcTransactionManager {

	private final transient GroupCommit groupCommit;

	/**
	 * @param durable false keeps H2's write delay (acknowledged commits can be lost on a crash)
	 * @param syncToDisk also fsync H2's file after each group, for commits that survive a power loss
	 */
	public DurableTransactionManager(DataSource dataSource, boolean durable, boolean syncToDisk) {
		super(dataSource);
		MVStore h2 = durable ? h2FileStore(dataSource) : null;
		H2Writes writes = (h2 != null) ? new H2Writes(h2) : null;
		this.groupCommit = (h2 == null) ? null : new GroupCommit(() -> {
			h2.commit();
			writes.awaitPending();
			if (syncToDisk) {
				h2.sync();
			}
		});
	}

	/** True when commits here wait for an explicit write of H2's file. */
	public boolean groupCommits() {
		return this.groupCommit != null;
	}

	@Override
	protected void doCommit(DefaultTransactionStatus status) {
		super.doCommit(status);
		if (this.groupCommit != null) {
			this.groupCommit.awaitDurable();
		}
	}

	/** The store of an embedded H2 file database, or null for any other database. */
	private static MVStore h2FileStore(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			if (!connection.isWrapperFor(JdbcConnection.class)) {
				return null;
			}
			if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
					|| !session.getDatabase().isPersistent()) {
				return null;
			}
			return session.getDatabase().getStore().getMvStore();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot open the database to set up durable commits", ex);
		}
	}
}
