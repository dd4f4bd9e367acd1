package dev.refreshserver.support;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Writes the heap, the collectors' counts and every thread's stack to {@code target/stall-dumps/}
 * when one test method has run for 30 s, and again every minute it goes on: a test that stalls
 * (and then passes) leaves the evidence of where it waited. Nothing fails because of it.
 * Registered in META-INF/services.
 */
public class StallWatch implements TestExecutionListener {

	private static final long FIRST_DUMP_NANOS = TimeUnit.SECONDS.toNanos(30);

	private static final long NEXT_DUMP_NANOS = TimeUnit.SECONDS.toNanos(60);

	private final Map<TestIdentifier, long[]> running = new ConcurrentHashMap<>();

	private ScheduledExecutorService watch;

	@Override
	public void executionStarted(TestIdentifier test) {
		if (!test.isTest()) {
			return;
		}
		long now = System.nanoTime();
		this.running.put(test, new long[] { now, now + FIRST_DUMP_NANOS });
		synchronized (this) {
			if (this.watch == null) {
				this.watch = Executors.newSingleThreadScheduledExecutor((task) -> {
					Thread thread = new Thread(task, "stall-watch");
					thread.setDaemon(true);
					return thread;
				});
				this.watch.scheduleWithFixedDelay(this::check, 5, 5, TimeUnit.SECONDS);
			}
		}
	}

	@Override
	public void executionFinished(TestIdentifier test, TestExecutionResult result) {
		this.running.remove(test);
	}

	private void check() {
		long now = System.nanoTime();
		this.running.forEach((test, times) -> {
			if (now >= times[1]) {
				times[1] = now + NEXT_DUMP_NANOS;
				dump(test, TimeUnit.NANOSECONDS.toSeconds(now - times[0]));
			}
		});
	}

	private static void dump(TestIdentifier test, long seconds) {
		StringBuilder text = new StringBuilder(test.getUniqueId()).append(" running for ").append(seconds)
			.append(" s at ").append(Instant.now()).append('\n');
		MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		text.append("heap used ").append(heap.getUsed() >> 20).append(" MB of ").append(heap.getMax() >> 20).append(" MB\n");
		for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
			text.append(gc.getName()).append(": ").append(gc.getCollectionCount()).append(" collections, ")
				.append(gc.getCollectionTime()).append(" ms\n");
		}
		text.append('\n');
		for (ThreadInfo thread : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
			text.append(thread.getThreadName()).append(" ").append(thread.getThreadState());
			if (thread.getLockName() != null) {
				text.append(" on ").append(thread.getLockName());
			}
			if (thread.getLockOwnerName() != null) {
				text.append(" owned by ").append(thread.getLockOwnerName());
			}
			text.append('\n');
			for (StackTraceElement frame : thread.getStackTrace()) {
				text.append("\tat ").append(frame).append('\n');
			}
			text.append('\n');
		}
		try {
			Path dir = Files.createDirectories(Path.of("target", "stall-dumps"));
			Path file = dir.resolve(System.currentTimeMillis() + "-" + test.getDisplayName().replaceAll("[^\\w.-]", "_") + ".txt");
			Files.writeString(file, text);
			System.err.println("StallWatch: " + test.getDisplayName() + " running for " + seconds + " s; threads in " + file);
		}
		catch (IOException ex) {
			System.err.println("StallWatch: cannot write a thread dump: " + ex);
		}
	}
}
