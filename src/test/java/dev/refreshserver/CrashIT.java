package dev.refreshserver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.JarServer;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 200 is durable: the built jar is killed with SIGKILL while several threads refresh, and
 * restarted on the same data directory, five times in a row. After each restart every refresh
 * token whose 200 arrived still works, and the token it replaced is dead (no family has two live
 * tokens). The restarted server is the next trial's server.
 */
class CrashIT {

	private static final int TRIALS = 5;

	private static final int WORKERS = 8;

	private static final int FAMILIES = 64;

	@TempDir
	Path state;

	@Test
	void everyAcknowledgedRotationSurvivesSigkill() throws Exception {
		JarServer server = JarServer.start(this.state);
		try {
			List<Family> families = mint(server.http(), FAMILIES);
			for (int trial = 1; trial <= TRIALS; trial++) {
				refreshUntilKilled(server, families);
				// Every other server also forces its commits to disk: that path must lose nothing either.
				server = JarServer.start(this.state, "--refresh.store.sync-to-disk=" + (trial % 2 == 1));
				families = verifyAfterRestart(server.http(), families, trial);
			}
		}
		finally {
			server.close();
		}
	}

	/** Checks every family, and returns those the next trial can go on refreshing. */
	private static List<Family> verifyAfterRestart(ServerHttp http, List<Family> families, int trial) {
		List<String> lost = new ArrayList<>();
		List<Family> next = new ArrayList<>();
		int acknowledged = 0;
		for (Family family : families) {
			boolean live = "true".equals(http.introspect(family.current).field("active"));
			if (family.inFlight && !live) {
				// Its next rotation committed but the response never arrived: not a loss.
				continue;
			}
			acknowledged += (family.previous != null) ? 1 : 0;
			HttpResponseView refreshed = http.refresh(family.current);
			if (!live || refreshed.status() != 200) {
				lost.add("family " + family.index + ": " + refreshed);
				continue;
			}
			if (family.previous != null && !"false".equals(http.introspect(family.previous).field("active"))) {
				lost.add("family " + family.index + ": the token its last acknowledged rotation replaced is live again");
			}
			family.previous = family.current;
			family.current = refreshed.field("refresh_token");
			next.add(family);
		}
		assertThat(lost).as("trial %d: acknowledged rotations lost by the crash", trial).isEmpty();
		assertThat(acknowledged).as("trial %d: families rotated before the kill", trial).isGreaterThan(FAMILIES / 2);
		next.addAll(mint(http, FAMILIES - next.size()));
		return next;
	}

	/** Workers refresh their own families round-robin until the server is killed mid-load. */
	private static void refreshUntilKilled(JarServer server, List<Family> families) throws Exception {
		AtomicBoolean killed = new AtomicBoolean();
		AtomicInteger rotations = new AtomicInteger();
		ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
		List<Future<?>> running = new ArrayList<>();
		for (int w = 0; w < WORKERS; w++) {
			int first = w;
			running.add(workers.submit(() -> {
				ServerHttp http = new ServerHttp(server.http().base(), null);
				for (int i = first; !killed.get(); i = (i + WORKERS < families.size()) ? i + WORKERS : first) {
					Family family = families.get(i);
					family.inFlight = true;
					HttpResponseView response;
					try {
						response = http.refresh(family.current);
					}
					catch (RuntimeException connectionLost) {
						return null;
					}
					if (response.status() != 200) {
						throw new IllegalStateException("refresh failed before the kill: " + response);
					}
					family.previous = family.current;
					family.current = response.field("refresh_token");
					family.inFlight = false;
					rotations.incrementAndGet();
				}
				return null;
			}));
		}
		// Kill at a random point once every family has had a chance to rotate, whatever the box's speed.
		int killAfter = 2 * families.size() + ThreadLocalRandom.current().nextInt(4 * families.size());
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
		while (rotations.get() < killAfter && System.nanoTime() < deadline && !anyDone(running)) {
			Thread.sleep(5);
		}
		killed.set(true);
		server.kill();
		workers.shutdown();
		for (Future<?> worker : running) {
			worker.get(60, TimeUnit.SECONDS);
		}
	}

	private static boolean anyDone(List<Future<?>> workers) {
		return workers.stream().anyMatch(Future::isDone);
	}

	private static List<Family> mint(ServerHttp http, int count) {
		List<Family> families = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			families.add(new Family(http.mintRefreshToken("demo-client", "read write")));
		}
		return families;
	}

	/** What the client knows of one family: its newest refresh token and the one before it. */
	private static final class Family {

		private static int count;

		final int index = count++;

		volatile String current;

		volatile String previous;

		volatile boolean inFlight;

		Family(String first) {
			this.current = first;
		}
	}
}
