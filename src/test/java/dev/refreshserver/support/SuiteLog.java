package dev.refreshserver.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * The log file of one test run (see logback-test.xml): emptied when the test JVM's launcher
 * session opens, before any test logs, so the file holds this run's log and nothing older.
 * Registered in META-INF/services.
 */
public class SuiteLog implements LauncherSessionListener {

	/** The file, as logback-test.xml names it. */
	public static Path file() {
		return Path.of(System.getProperty("refresh.test-log", "target/test-suite.log"));
	}

	@Override
	public void launcherSessionOpened(LauncherSession session) {
		try {
			Files.createDirectories(file().toAbsolutePath().getParent());
			Files.write(file(), new byte[0]); // truncate: logback may already hold it open for appending
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
