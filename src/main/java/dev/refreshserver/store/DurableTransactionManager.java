package dev.refreshserver.store;

import javax.sql.DataSource;

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
 * {@code WRITE_DELAY=0} (one write per commit, each waiting for the last). The refresh grant's
 * own writes, by far the most frequent, do not come here on H2: they are made durable by the
 * {@link RotationJournal}, which writes a few hundred bytes instead of a version of the store.
 */
public class DurableTransactionManager extends JdbcTransactionManager {

	/** The H2 file whose writes make commits durable; null when commits are durable without them. */
	private final transient H2File h2;

	private final transient GroupCommit groupCommit;

	/**
	 * @param durable false keeps H2's write delay (acknowledged commits can be lost on a crash)
	 * @param syncToDisk also fsync H2's file after each group, for commits that survive a power loss
	 */
	public DurableTransactionManager(DataSource dataSource, boolean durable, boolean syncToDisk) {
		super(dataSource);
		this.h2 = durable ? H2File.of(dataSource, syncToDisk) : null;
		this.groupCommit = (this.h2 == null) ? null : new GroupCommit(this.h2::writeCommitted);
	}

	/** The H2 file this manager writes to make commits durable, or null (PostgreSQL, H2 in memory, not durable). */
	H2File h2File() {
		return this.h2;
	}

	@Override
	protected void doCommit(DefaultTransactionStatus status) {
		super.doCommit(status);
		if (this.groupCommit != null) {
			this.groupCommit.awaitDurable();
		}
	}
}
