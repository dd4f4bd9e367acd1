package dev.refreshserver.store;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import dev.refreshserver.config.RefreshProperties;

/**
 * Makes the refresh grant's writes on an H2 file durable without writing H2's file for each of
 * them. A rotation changes one small row, but making it durable in H2 means writing a new version
 * of the store (every page on the path to the row, and H2's own maps): measured, that cost a
 * third of the throughput. Instead the row's new state is appended to a journal file next to
 * the database (a few hundred bytes; one write serves every rotation made meanwhile, as a group
 * commit), and H2 keeps writing its file in the background, as it does without durable commits.
 *
 * <p>The order makes it safe. A record is appended while its transaction still holds the row,
 * before the commit; so whatever another request can read of that row (a grace-window retry
 * hands out the successor it finds there) is already in the journal, and waiting for the
 * journal's next write covers it. A response is sent only once the write that holds its record
 * has returned: in the operating system's hands, so a crash of this process loses nothing
 * (with {@code sync-to-disk} the journal is also forced to the disk before the answer).
 *
 * <p>Every {@code refresh.store.journal-checkpoint} the journal moves on to a new file and the
 * old one is deleted once H2's file holds everything it recorded. On start, before the server
 * takes requests, the files an unclean stop left are replayed: each record names the state it
 * may replace, so replaying one that H2's file already has, or that a revocation overtook,
 * changes nothing.
 *
 * <p>Off (every write then goes through {@link DurableTransactionManager}) for PostgreSQL,
 * whose commit waits for its own log, for H2 in memory, and without durable commits.
 */
@Component
public class RotationJournal implements DisposableBean {

	private static final Log logger = LogFactory.getLog(RotationJournal.class);

	/** Null when the journal is off. */
	private final H2File h2;

	private final TransactionTemplate transactions;

	private final GroupCommit writes = new GroupCommit(this::writePending);

	private final AtomicLong sequence = new AtomicLong();

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition settled = this.lock.newCondition();

	/** Frames appended to the current file and not written yet. */
	private final ByteArrayOutputStream pending = new ByteArrayOutputStream(64 * 1024);

	private JournalSegment current;

	/** Files the journal has moved on from and not deleted yet (a checkpoint failed after the move). */
	private final List<JournalSegment> retired = new ArrayList<>();

	private final ScheduledExecutorService checkpoints;

	/** On whenever the transaction manager makes commits durable by writing an H2 file. */
	public RotationJournal(DataSource dataSource, JdbcTemplate jdbc, DurableTransactionManager transactionManager,
			RefreshProperties properties) {
		this.h2 = transactionManager.h2File();
		// Committing here must not also write H2's file, as DurableTransactionManager's commit does.
		this.transactions = new TransactionTemplate(new JdbcTransactionManager(dataSource));
		if (this.h2 == null) {
			this.checkpoints = null;
			return;
		}
		try {
			this.current = JournalSegment.create(this.h2.path(), replay(jdbc) + 1, this.h2.syncToDisk());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot open the rotation journal next to " + this.h2.path(), ex);
		}
		this.checkpoints = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "rotation-journal");
			thread.setDaemon(true);
			return thread;
		});
		long every = properties.store().journalCheckpoint().toMillis();
		this.checkpoints.scheduleWithFixedDelay(this::checkpointLogged, every, every, TimeUnit.MILLISECONDS);
	}

	/** Whether the refresh grant's writes go through here. */
	public boolean enabled() {
		return this.h2 != null;
	}

	/**
	 * Runs {@code update}, a conditional write of one family row, in a transaction of its own;
	 * when it changed the row, journals {@code change} (null: a write that changes no column)
	 * and returns only once the change, and everything the write read, is durable.
	 * @return whether {@code update} changed the row
	 */
	public boolean write(JournalRecord change, BooleanSupplier update) {
		JournalSegment[] appendedTo = new JournalSegment[1];
		long[] appendedAs = new long[1];
		boolean changed;
		try {
			changed = Boolean.TRUE.equals(this.transactions.execute((status) -> {
				if (!update.getAsBoolean()) {
					return false;
				}
				if (change != null) {
					appendedAs[0] = this.sequence.incrementAndGet();
					appendedTo[0] = append(JournalSegment.frame(appendedAs[0], change), true);
				}
				return true;
			}));
		}
		catch (RuntimeException | Error ex) {
			if (appendedTo[0] != null) {
				// Rolled back after its record was appended: the replay must skip that record. A
				// competitor may have won the row meanwhile and be journaled before this cancel;
				// replaying in journal order lets its record, the later one, win (JournalRecord).
				append(JournalSegment.cancelFrame(this.sequence.incrementAndGet(), appendedAs[0]), false);
				this.writes.awaitDurable();
			}
			throw ex;
		}
		finally {
			if (appendedTo[0] != null) {
				settle(appendedTo[0]);
			}
		}
		if (changed) {
			this.writes.awaitDurable();
		}
		return changed;
	}

	/**
	 * Adds a frame to the current file; a change counts as in flight until {@link #settle}, a
	 * cancel record (whose transaction is already over) does not.
	 */
	private JournalSegment append(byte[] frame, boolean inFlight) {
		this.lock.lock();
		try {
			this.pending.writeBytes(frame);
			this.current.records++;
			if (inFlight) {
				this.current.inFlight++;
			}
			return this.current;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The transaction of a record in {@code segment} committed or rolled back. */
	private void settle(JournalSegment segment) {
		this.lock.lock();
		try {
			segment.inFlight--;
			this.settled.signalAll();
		}
		finally {
			this.lock.unlock();
		}
	}

	/** The group commit's write: every frame appended so far, in one write of the current file. */
	private void writePending() {
		byte[] frames;
		JournalSegment segment;
		this.lock.lock();
		try {
			if (this.pending.size() == 0) {
				return;
			}
			frames = this.pending.toByteArray();
			this.pending.reset();
			segment = this.current;
		}
		finally {
			this.lock.unlock();
		}
		try {
			segment.write(frames, this.h2.syncToDisk());
		}
		catch (IOException ex) {
			// Keep the frames for the next write, and make these transactions durable the slow way.
			requeue(frames);
			logger.error("Cannot write the rotation journal " + segment + "; writing the database file instead", ex);
			this.h2.writeCommitted();
		}
	}

	private void requeue(byte[] frames) {
		this.lock.lock();
		try {
			byte[] later = this.pending.toByteArray();
			this.pending.reset();
			this.pending.writeBytes(frames);
			this.pending.writeBytes(later);
		}
		finally {
			this.lock.unlock();
		}
	}

	private void checkpointLogged() {
		try {
			checkpoint();
		}
		catch (RuntimeException | IOException ex) {
			logger.warn("Rotation journal checkpoint failed; the next one tries again", ex);
		}
	}

	/**
	 * Moves on to a new file and deletes the old ones once H2's file holds all they recorded: their
	 * last write has returned, every transaction they recorded has committed (or rolled back),
	 * and then H2 wrote what was committed. A file whose checkpoint failed stays retired and is
	 * deleted by the next one.
	 */
	synchronized void checkpoint() throws IOException {
		if (hasRecords(this.current)) {
			JournalSegment next = JournalSegment.create(this.h2.path(), this.current.number() + 1, this.h2.syncToDisk());
			this.lock.lock();
			try {
				this.retired.add(this.current);
				// frames still pending go to the new file: they are replayed from there if need be
				this.current = next;
			}
			finally {
				this.lock.unlock();
			}
		}
		if (this.retired.isEmpty()) {
			return;
		}
		this.writes.awaitDurable();
		this.lock.lock();
		try {
			while (this.retired.stream().anyMatch((segment) -> segment.inFlight > 0)) {
				this.settled.awaitUninterruptibly();
			}
		}
		finally {
			this.lock.unlock();
		}
		this.h2.writeCommitted();
		while (!this.retired.isEmpty()) {
			this.retired.get(0).delete();
			this.retired.remove(0);
		}
	}

	private boolean hasRecords(JournalSegment segment) {
		this.lock.lock();
		try {
			return segment.records > 0;
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Applies the records the files of an unclean stop hold; returns the number of the last file. */
	private long replay(JdbcTemplate jdbc) throws IOException {
		List<Path> files = JournalSegment.existing(this.h2.path());
		if (files.isEmpty()) {
			return 0;
		}
		List<JournalSegment.Sequenced> changes = new ArrayList<>();
		Set<Long> cancelled = new HashSet<>();
		for (Path file : files) {
			JournalSegment.Records records = JournalSegment.read(file);
			changes.addAll(records.changes());
			cancelled.addAll(records.cancelled());
		}
		int replayed = 0;
		for (JournalSegment.Sequenced change : changes) {
			if (!cancelled.contains(change.sequence())) {
				change.record().replay(jdbc);
				replayed++;
			}
		}
		this.h2.writeCommitted();
		long last = 0;
		for (Path file : files) {
			last = Math.max(last, JournalSegment.number(file));
			Files.delete(file);
		}
		logger.info("Rotation journal: replayed " + replayed + " refresh-token writes from " + files.size()
				+ " file(s) left by an unclean stop");
		return last;
	}

	/** On a clean stop: the journal's last records go to H2's file, and no journal file is left. */
	@Override
	public void destroy() throws IOException {
		if (this.h2 == null) {
			return;
		}
		// no interrupt: a thread interrupted while it writes a FileChannel closes the channel
		this.checkpoints.shutdown();
		try {
			this.checkpoints.awaitTermination(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		checkpoint();
		if (!hasRecords(this.current)) {
			this.current.delete();
		}
	}
}
