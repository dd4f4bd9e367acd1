package dev.refreshserver.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.JarServer;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal that makes rotations durable on H2, against the built jar. H2's own background
 * write is pushed out of reach ({@code WRITE_DELAY} of an hour) so that after a SIGKILL the
 * journal is the only place the acknowledged rotations are in.
 */
class RotationJournalIT {

	/** H2 writes its file by itself only after an hour: what survives a kill was in the journal. */
	private static final String H2_WRITES_LATE = "--spring.datasource.url=jdbc:h2:file:${refresh.data-dir}/refresh"
			+ ";LOCK_TIMEOUT=10000;WRITE_DELAY=3600000";

	private static final String NO_CHECKPOINT = "--refresh.store.journal-checkpoint=1h";

	private static final String GRACE = "--refresh.profiles.standard.grace=60s";

	@TempDir
	Path state;

	@Test
	void rotationsAcknowledgedBeforeAKillAreReplayedFromTheJournal() throws Exception {
		List<String[]> families = new ArrayList<>();
		JarServer server = JarServer.start(this.state, H2_WRITES_LATE, NO_CHECKPOINT, GRACE);
		try {
			for (int i = 0; i < 10; i++) {
				// minted through the database's own durable commit; the rotations then only through the journal
				families.add(rotateFiveTimes(server.http(), server.http().mintRefreshToken("demo-client", "read"), true));
			}
			assertThat(journalFiles()).isNotEmpty();
		}
		finally {
			server.kill();
		}
		server = JarServer.start(this.state, GRACE);
		try {
			for (String[] family : families) {
				assertThat(server.http().introspect(family[0]).field("active")).as("the replaced token").isEqualTo("false");
				HttpResponseView refreshed = server.http().refresh(family[1]);
				assertThat(refreshed.status()).as("the last acknowledged token: %s", refreshed).isEqualTo(200);
			}
			assertThat(Files.readString(this.state.resolve("server.log")))
				.contains("Rotation journal: replayed 50 refresh-token writes");
		}
		finally {
			server.close();
		}
	}

	@Test
	void aRecordTornByTheCrashIsIgnoredAndTheRestReplayed() throws Exception {
		String[] family = rotateFiveTimesThenKill();
		// the beginning of a frame whose write the kill cut short
		Path journal = journalFiles().get(0);
		Files.write(journal, new byte[] { 0, 0, 0, 90, 'R', 1, 2 }, StandardOpenOption.APPEND);
		JarServer server = JarServer.start(this.state);
		try {
			assertThat(server.http().refresh(family[1]).status()).isEqualTo(200);
			assertThat(journalFiles()).as("replayed files are deleted").hasSize(1);
		}
		finally {
			server.close();
		}
		assertThat(journalFiles()).as("a clean stop leaves no journal").isEmpty();
	}

	/**
	 * A rotation whose commit failed after its record was appended, and whose cancel never made it
	 * to the file, stands in the journal before the rotation that won the row: the later record
	 * of the generation wins the replay, so the acknowledged token works.
	 */
	@Test
	void ofTwoRecordsOfOneGenerationTheLaterWinsTheReplay() throws Exception {
		String[] family = rotateFiveTimesThenKill();
		Path journal = journalFiles().get(0);
		Instant now = Instant.now();
		RefreshState loser = new RefreshState(RefreshTokenBytes.generation(family[1]), "not-the-winners-hash", now,
				now.plus(Duration.ofDays(1)), now, null, null);
		byte[] before = JournalSegment.frame(Long.MAX_VALUE,
				new JournalRecord.Rotation(RefreshTokenBytes.familyId(family[1]), loser));
		Files.write(journal, concat(before, Files.readAllBytes(journal)));
		JarServer server = JarServer.start(this.state);
		try {
			assertThat(server.http().refresh(family[1]).status()).isEqualTo(200);
		}
		finally {
			server.close();
		}
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = Arrays.copyOf(first, first.length + second.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	@Test
	void checkpointsHandTheJournalOverToTheDatabaseFile() throws Exception {
		String[] family;
		JarServer server = JarServer.start(this.state, "--refresh.store.journal-checkpoint=100ms");
		try {
			family = rotateFiveTimes(server.http(), server.http().mintRefreshToken("demo-client", "read"));
			Thread.sleep(1_000);
			// one file, the open one: every earlier one was deleted once H2's file held it
			assertThat(journalFiles()).hasSize(1);
		}
		finally {
			server.kill();
		}
		server = JarServer.start(this.state);
		try {
			assertThat(server.http().refresh(family[1]).status()).isEqualTo(200);
			assertThat(Files.readString(this.state.resolve("server.log")))
				.contains("Rotation journal: replayed 0 refresh-token writes");
		}
		finally {
			server.close();
		}
	}

	/**
	 * Five rotations of a new family on a server whose H2 writes its file late, then SIGKILL: the
	 * rotations are in the journal only. Returns {replaced, live}.
	 */
	private String[] rotateFiveTimesThenKill() throws Exception {
		JarServer server = JarServer.start(this.state, H2_WRITES_LATE, NO_CHECKPOINT);
		try {
			return rotateFiveTimes(server.http(), server.http().mintRefreshToken("demo-client", "read"));
		}
		finally {
			server.kill();
		}
	}

	/** Five rotations; returns {replaced, live}. */
	private static String[] rotateFiveTimes(ServerHttp http, String token) {
		return rotateFiveTimes(http, token, false);
	}

	/** Five rotations, the third one retried when {@code retryThird} (inside a grace window); returns {replaced, live}. */
	private static String[] rotateFiveTimes(ServerHttp http, String token, boolean retryThird) {
		String previous = null;
		for (int i = 0; i < 5; i++) {
			HttpResponseView refreshed = http.refresh(token);
			assertThat(refreshed.status()).as("%s", refreshed).isEqualTo(200);
			if (retryThird && i == 2) {
				HttpResponseView retried = http.refresh(token);
				assertThat(retried.field("refresh_token")).as("%s", retried).isEqualTo(refreshed.field("refresh_token"));
			}
			previous = token;
			token = refreshed.field("refresh_token");
		}
		return new String[] { previous, token };
	}

	private List<Path> journalFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.state.resolve("data"))) {
			return files.filter((file) -> file.getFileName().toString().startsWith("refresh.journal.")).toList();
		}
	}
}
