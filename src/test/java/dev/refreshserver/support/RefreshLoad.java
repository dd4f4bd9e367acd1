package dev.refreshserver.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients refreshing many families at once until a server is killed under them, as the crash
 * tests need: one worker per entry of {@code workers} (the server it talks to), each refreshing its
 * own share of the families round-robin and remembering, per family, the newest refresh token whose
 * 200 arrived, the one it replaced, and whether a request is still unanswered.
 */
public final class RefreshLoad {

	private RefreshLoad() {
	}

	/** Kills a server; the load goes on around it until {@code refreshUntilKilled} returns. */
	@FunctionalInterface
	public interface Kill {

		void kill() throws Exception;
	}

	/**
	 * Refreshes until {@code killAfter} rotations were acknowledged (or two minutes passed), then
	 * kills, lets the workers go on for {@code afterKillMillis}, and stops them.
	 * @return how many 200s arrived
	 */
	public static int refreshUntilKilled(List<ServerHttp> workers, List<Family> families, int killAfter, Kill kill,
			long afterKillMillis) throws Exception {
		AtomicBoolean stop = new AtomicBoolean();
		AtomicInteger rotations = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(workers.size());
		List<Future<?>> running = new ArrayList<>();
		for (int w = 0; w < workers.size(); w++) {
			int first = w;
			int step = workers.size();
			ServerHttp http = new ServerHttp(workers.get(w).base(), null);
			running.add(pool.submit(() -> {
				for (int i = first; !stop.get(); i = (i + step < families.size()) ? i + step : first) {
					if (!families.get(i).refresh(http)) {
						return null;
					}
					rotations.incrementAndGet();
				}
				return null;
			}));
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (rotations.get() < killAfter && System.nanoTime() < deadline
				&& running.stream().noneMatch(Future::isDone)) {
			Thread.sleep(5);
		}
		kill.kill();
		Thread.sleep(afterKillMillis);
		stop.set(true);
		pool.shutdown();
		for (Future<?> worker : running) {
			worker.get(60, TimeUnit.SECONDS);
		}
		return rotations.get();
	}

	/** What the client knows of one family: its newest refresh token and the one before it. */
	public static final class Family {

		private final int index;

		private volatile String current;

		private volatile String previous;

		private volatile boolean inFlight;

		public Family(int index, String first) {
			this.index = index;
			this.current = first;
		}

		/**
		 * One refresh; false when the connection was lost (the server is gone).
		 * @throws IllegalStateException on any answer but a 200
		 */
		boolean refresh(ServerHttp http) {
			this.inFlight = true;
			HttpResponseView response;
			try {
				response = http.refresh(this.current);
			}
			catch (RuntimeException connectionLost) {
				return false;
			}
			if (response.status() != 200) {
				throw new IllegalStateException("refresh failed before the kill: " + response);
			}
			rotated(response.field("refresh_token"));
			return true;
		}

		/** A rotation whose 200 arrived. */
		public void rotated(String successor) {
			this.previous = this.current;
			this.current = successor;
			this.inFlight = false;
		}

		public int index() {
			return this.index;
		}

		public String current() {
			return this.current;
		}

		public String previous() {
			return this.previous;
		}

		/** A request was sent and no answer came: its rotation may have committed all the same. */
		public boolean inFlight() {
			return this.inFlight;
		}
	}
}
