package dev.refreshserver.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * The file of an embedded H2 database, and the one way to make what was committed in memory
 * durable: write a new version of the store to the file, wait for H2's writer threads, and
 * fsync when asked.
 */
final class H2File {

	private final MVStore store;

	private final H2Writes writes;

	private final boolean syncToDisk;

	private H2File(MVStore store, boolean syncToDisk) {
		this.store = store;
		this.writes = new H2Writes(store);
		this.syncToDisk = syncToDisk;
	}

	/** The file behind {@code dataSource}, or null when it is not an embedded H2 file database. */
	static H2File of(DataSource dataSource, boolean syncToDisk) {
		try (Connection connection = dataSource.getConnection()) {
			if (!connection.isWrapperFor(JdbcConnection.class)) {
				return null;
			}
			if (!(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
					|| !session.getDatabase().isPersistent()) {
				return null;
			}
			return new H2File(session.getDatabase().getStore().getMvStore(), syncToDisk);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot open the database to set up durable commits", ex);
		}
	}

	/** Returns once every transaction committed before this call is in the file. */
	void writeCommitted() {
		this.store.commit();
		this.writes.awaitPending();
		if (this.syncToDisk) {
			this.store.sync();
		}
	}

	boolean syncToDisk() {
		return this.syncToDisk;
	}

	/** The database file, e.g. {@code data/refresh.mv.db}. */
	Path path() {
		return Path.of(this.store.getFileStore().getFileName()).toAbsolutePath();
	}
}
