package dev.refreshserver.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import javax.sql.DataSource;

import org.springframework.stereotype.Component;

import dev.refreshserver.config.RefreshProperties;
import dev.refreshserver.operations.OwnerOnlyFiles;

/**
 * Online backups of the H2 store: H2's {@code BACKUP TO} copies the database file as of one
 * consistent point while the server keeps serving, into a zip in {@code refresh.backup.dir}.
 * Restoring is unzipping it into an empty data directory and starting on it (with the same
 * {@code keys/}). PostgreSQL is backed up with its own tools.
 */
@Component
public class H2Backups {

	private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
		.withZone(ZoneOffset.UTC);

	private final DataSource dataSource;

	private final Path directory;

	private final Clock clock;

	public H2Backups(DataSource dataSource, RefreshProperties properties, Clock clock) {
		this.dataSource = dataSource;
		this.directory = properties.backup().dir();
		this.clock = clock;
	}

	/** Writes a backup and returns its file; refused when the store is not H2. */
	public synchronized Path backup() throws IOException, SQLException {
		try (Connection connection = this.dataSource.getConnection()) {
			if (!"H2".equals(connection.getMetaData().getDatabaseProductName())) {
				throw new UnsupportedOperationException("Online backups through /admin/backup are for the H2 store; back up "
						+ connection.getMetaData().getDatabaseProductName() + " with its own tools (e.g. pg_dump)");
			}
			Path directory = OwnerOnlyFiles.directory(this.directory);
			Path file = directory.resolve("refresh-" + STAMP.format(this.clock.instant()) + ".zip");
			for (int n = 2; Files.exists(file); n++) {
				file = directory.resolve("refresh-" + STAMP.format(this.clock.instant()) + "-" + n + ".zip");
			}
			try (Statement statement = connection.createStatement()) {
				statement.execute("BACKUP TO '" + file.toString().replace("'", "''") + "'");
			}
			OwnerOnlyFiles.setPermissions(file, OwnerOnlyFiles.FILE);
			return file;
		}
	}
}
