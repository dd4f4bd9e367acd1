package dev.refreshserver.store;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes committed transactions durable in groups: each caller waits until one flush that
 * started after its commit has finished, and whichever caller finds no flush running does the
 * flush for everyone waiting (leader and followers, no extra thread). Under load one flush
 * covers every transaction that committed while the previous one was being written, so the
 * cost of a durable commit is shared instead of paid per request.
 */
final class GroupCommit {

	private final Runnable flush;

	private final ReentrantLock lock = new ReentrantLock();

	private final Condition flushed = this.lock.newCondition();

	/** Tickets handed out: one per commit that asked to be made durable. */
	private long committed;

	/** Every ticket up to this one is durable. */
	private long durable;

	private boolean flushing;

	/** @param flush writes everything committed so far to the file, returning once it is written */
	GroupCommit(Runnable flush) {
		this.flush = flush;
	}

	/** Returns once everything committed before this call is durable; throws if the flush fails. */
	void awaitDurable() {
		this.lock.lock();
		try {
			long ticket = ++this.committed;
			while (this.durable < ticket) {
				if (this.flushing) {
					this.flushed.awaitUninterruptibly();
					continue;
				}
				flushAsLeader();
			}
		}
		finally {
			this.lock.unlock();
		}
	}

	/** Called holding the lock; releases it while writing so followers can queue up behind. */
	private void flushAsLeader() {
		this.flushing = true;
		long covered = this.committed;
		boolean written = false;
		this.lock.unlock();
		try {
			this.flush.run();
			written = true;
		}
		finally {
			this.lock.lock();
			this.flushing = false;
			if (written) {
				this.durable = Math.max(this.durable, covered);
			}
			this.flushed.signalAll();
		}
	}
}
