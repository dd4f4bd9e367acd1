package dev.refreshserver.store;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link StorePurge} every {@code refresh.purge.interval} on one background thread
 * of its own, first one interval after start (a start is busy enough). A failed run is logged
 * and the next one tries again.
 */
@Component
public class StorePurgeSchedule implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(StorePurgeSchedule.class);

	private final StorePurge purge;

	private final PurgeProperties properties;

	private volatile ScheduledExecutorService executor;

	public StorePurgeSchedule(StorePurge purge, PurgeProperties properties) {
		this.purge = purge;
		this.properties = properties;
	}

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "store-purge");
			thread.setDaemon(true);
			return thread;
		});
		long millis = this.properties.interval().toMillis();
		executor.scheduleWithFixedDelay(this::run, millis, millis, TimeUnit.MILLISECONDS);
		this.executor = executor;
	}

	private void run() {
		try {
			PurgeReport report = this.purge.purge();
			logger.info("Store purge: " + report);
		}
		catch (RuntimeException ex) {
			logger.warn("Store purge failed; the next run tries again", ex);
		}
	}

	@Override
	public void stop() {
		ScheduledExecutorService executor = this.executor;
		if (executor != null) {
			executor.shutdownNow();
			this.executor = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.executor != null;
	}
}
