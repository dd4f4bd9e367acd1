package dev.refreshserver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.JarServer;
import dev.refreshserver.support.RefreshLoad;
import dev.refreshserver.support.RefreshLoad.Family;
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

	private static final AtomicInteger MINTED = new AtomicInteger();

	@TempDir
	Path state;

	@Test
	void everyAcknowledgedRotationSurvivesSigkill() throws Exception {
		JarServer server = JarServer.start(this.state);
		try {
			List<Family> families = mint(server.http(), FAMILIES);
			for (int trial = 1; trial <= TRIALS; trial++) {
				refreshUntilKilled(server, families);
				// Every other server also forces its commits to disk, and the others hand their rotation
				// journal over to H2's file every 20 ms, so that kills land during those hand-overs too.
				server = JarServer.start(this.state, "--refresh.store.sync-to-disk=" + (trial % 2 == 1),
						"--refresh.store.journal-checkpoint=" + ((trial % 2 == 0) ? "20ms" : "1s"));
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
			boolean live = "true".equals(http.introspect(family.current()).field("active"));
			if (family.inFlight() && !live) {
				// Its next rotation committed but the response never arrived: not a loss.
				continue;
			}
			acknowledged += (family.previous() != null) ? 1 : 0;
			HttpResponseView refreshed = http.refresh(family.current());
			if (!live || refreshed.status() != 200) {
				lost.add("family " + family.index() + ": " + refreshed);
				continue;
			}
			if (family.previous() != null && !"false".equals(http.introspect(family.previous()).field("active"))) {
				lost.add("family " + family.index() + ": the token its last acknowledged rotation replaced is live again");
			}
			family.rotated(refreshed.field("refresh_token"));
			next.add(family);
		}
		assertThat(lost).as("trial %d: acknowledged rotations lost by the crash", trial).isEmpty();
		assertThat(acknowledged).as("trial %d: families rotated before the kill", trial).isGreaterThan(FAMILIES / 2);
		next.addAll(mint(http, FAMILIES - next.size()));
		return next;
	}

	/** Workers refresh their own families round-robin until the server is killed mid-load. */
	private static void refreshUntilKilled(JarServer server, List<Family> families) throws Exception {
		// Kill at a random point once every family has had a chance to rotate, whatever the box's speed.
		int killAfter = 2 * families.size() + ThreadLocalRandom.current().nextInt(4 * families.size());
		RefreshLoad.refreshUntilKilled(Collections.nCopies(WORKERS, server.http()), families, killAfter, server::kill,
				0);
	}

	private static List<Family> mint(ServerHttp http, int count) {
		List<Family> families = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			families.add(new Family(MINTED.getAndIncrement(), http.mintRefreshToken("demo-client", "read write")));
		}
		return families;
	}
}
