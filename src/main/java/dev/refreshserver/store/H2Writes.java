package dev.refreshserver.store;

import java.lang.reflect.Field;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;

import org.h2.mvstore.FileStore;
import org.h2.mvstore.MVStore;

/**
 * Waits for the writes H2 has handed to its background threads. {@link MVStore#commit()} writes
 * synchronously only what it finds unsaved: when H2's own background writer has just taken the
 * latest changes, commit() finds nothing and returns while that writer's chunk may still be
 * queued in H2's serialization and save threads (single threads, first in first out). Putting an
 * empty task through each, in the order H2 uses them, returns once everything queued before is
 * written. H2 keeps the two executors private; their names are checked at start.
 */
final class H2Writes {

	private final FileStore<?> fileStore;

	private final Field serialization;

	private final Field save;

	H2Writes(MVStore store) {
		this.fileStore = store.getFileStore();
		try {
			this.serialization = FileStore.class.getDeclaredField("serializationExecutor");
			this.save = FileStore.class.getDeclaredField("bufferSaveExecutor");
			this.serialization.setAccessible(true);
			this.save.setAccessible(true);
		}
		catch (NoSuchFieldException ex) {
			throw new IllegalStateException("This H2 version writes in a way durable commits do not know", ex);
		}
	}

	/** Returns once every chunk H2 queued for writing before this call is written. */
	void awaitPending() {
		drain(this.serialization);
		drain(this.save);
	}

	private void drain(Field executor) {
		try {
			ExecutorService threads = (ExecutorService) executor.get(this.fileStore);
			if (threads != null && !threads.isShutdown()) {
				threads.submit(() -> { }).get();
			}
		}
		catch (IllegalAccessException | ExecutionException ex) {
			throw new IllegalStateException("Waiting for H2's writes failed", ex);
		}
		catch (java.util.concurrent.RejectedExecutionException ex) {
			// the store is closing, and closing writes everything
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for H2's writes", ex);
		}
	}
}
