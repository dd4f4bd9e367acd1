package dev.refreshserver;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.JarServer;
import dev.refreshserver.support.Postgres;
import dev.refreshserver.support.RefreshLoad;
import dev.refreshserver.support.RefreshLoad.Family;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two instances of the built jar, A and B, share one PostgreSQL and one keys directory and both
 * serve refreshes; A is killed with SIGKILL mid-load. Every refresh token whose 200 a client
 * received, from A or from B, still refreshes on B, and the token it replaced stays dead.
 */
class InstanceKilledIT {

	private static final int WORKERS_PER_INSTANCE = 4;

	private static final int FAMILIES = 64;

	@TempDir
	Path state;

	@Test
	void everyAcknowledgedRotationWorksOnTheSurvivorAfterSigkill() throws Exception {
		String[] database = Postgres.switches(Postgres.freshDatabase()).toArray(String[]::new);
		// One after the other: A creates the schema and the keys, B finds them.
		JarServer a = JarServer.startNamed(this.state, "a", database);
		try (JarServer b = JarServer.startNamed(this.state, "b", database)) {
			List<Family> families = new ArrayList<>();
			List<ServerHttp> workers = new ArrayList<>();
			for (int i = 0; i < FAMILIES; i++) {
				families.add(new Family(i, (i % 2 == 0 ? a : b).http().mintRefreshToken("demo-client", "read")));
			}
			for (int w = 0; w < WORKERS_PER_INSTANCE; w++) {
				workers.addAll(List.of(a.http(), b.http()));
			}

			// B's workers go on for half a second after A is gone.
			int rotations = RefreshLoad.refreshUntilKilled(workers, families, 4 * FAMILIES, a::kill, 500);

			assertThat(rotations).as("rotations acknowledged before the kill").isGreaterThan(FAMILIES);
			List<String> lost = new ArrayList<>();
			for (Family family : families) {
				boolean live = active(b.http(), family.current());
				if (family.inFlight() && !live) {
					// Its last request to A committed a rotation whose response never arrived: not a loss.
					continue;
				}
				HttpResponseView refreshed = b.http().refresh(family.current());
				if (refreshed.status() != 200) {
					lost.add("family " + family.index() + ": " + refreshed);
				}
				else if (family.previous() != null && active(b.http(), family.previous())) {
					lost.add("family " + family.index() + ": the token its last rotation replaced is live again");
				}
			}
			assertThat(lost).as("acknowledged rotations that do not work on B").isEmpty();
		}
		finally {
			a.close();
		}
	}

	private static boolean active(ServerHttp http, String token) {
		return "true".equals(http.introspect(token).field("active"));
	}
}
