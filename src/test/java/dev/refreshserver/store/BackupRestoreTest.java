package dev.refreshserver.store;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.RunningServer;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An online backup taken while clients refresh restores into a new data directory, and a
 * server started on it honours a refresh token issued before the backup.
 */
class BackupRestoreTest {

	private static final String ADMIN = "Bearer " + ServerHttp.ADMIN_TOKEN;

	@TempDir
	Path state;

	@Test
	void backupTakenUnderRefreshLoadRestoresAndATokenIssuedBeforeItRefreshes() throws Exception {
		Path backup;
		String heldToken;
		try (RunningServer server = RunningServer.start(this.state,
				"--refresh.backup.dir=" + this.state.resolve("backups"))) {
			ServerHttp http = server.http();
			heldToken = http.mintRefreshToken("demo-client", "read");
			AtomicBoolean running = new AtomicBoolean(true);
			AtomicInteger refreshes = new AtomicInteger();
			ExecutorService load = Executors.newFixedThreadPool(4);
			List<Future<?>> workers = new ArrayList<>();
			for (int i = 0; i < 4; i++) {
				workers.add(load.submit(() -> {
					ServerHttp client = new ServerHttp(http.base(), null);
					String token = client.mintRefreshToken("demo-client", "read");
					while (running.get()) {
						HttpResponseView refreshed = client.refresh(token);
						assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
						token = refreshed.field("refresh_token");
						refreshes.incrementAndGet();
					}
					return null;
				}));
			}
			while (refreshes.get() < 20) {
				Thread.sleep(50);
			}
			HttpResponseView taken = http.post("/admin/backup", null, "", "Authorization", ADMIN);
			int atBackup = refreshes.get();
			while (refreshes.get() < atBackup + 20) {
				Thread.sleep(50);
			}
			running.set(false);
			for (Future<?> worker : workers) {
				worker.get(60, TimeUnit.SECONDS);
			}
			load.shutdown();
			assertThat(taken.status()).as(taken.toString()).isEqualTo(200);
			backup = Path.of(taken.field("path"));
			assertThat(taken.field("file")).isEqualTo(backup.getFileName().toString()).endsWith(".zip");
			assertThat(backup.getParent()).isEqualTo(this.state.resolve("backups").toAbsolutePath());
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup))).isEqualTo("rw-------");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(backup.getParent())))
				.isEqualTo("rwx------");
		}
		Path restored = this.state.resolve("restored");
		unzip(backup, restored);
		try (RunningServer server = RunningServer.start(this.state, "--refresh.data-dir=" + restored)) {
			HttpResponseView refreshed = server.http().refresh(heldToken);
			assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
		}
	}

	private static void unzip(Path zip, Path directory) throws Exception {
		Files.createDirectories(directory);
		try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				Path target = directory.resolve(entry.getName()).normalize();
				assertThat(target.startsWith(directory)).isTrue();
				Files.copy((InputStream) in, target);
			}
		}
	}
}
