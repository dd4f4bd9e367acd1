package dev.refreshserver.operations;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Keeps the server's state readable by its owner only: directories 0700, files 0600. Java has
 * no umask, and H2 creates its files with the process's umask, so directories are created
 * private before anything is written into them and files are tightened once they exist.
 */
public final class OwnerOnlyFiles {

	public static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

	public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	private OwnerOnlyFiles() {
	}

	/** Creates {@code directory} (and missing parents) and makes it 0700. */
	public static Path directory(Path directory) throws IOException {
		Path absolute = directory.toAbsolutePath().normalize();
		Files.createDirectories(absolute);
		setPermissions(absolute, DIRECTORY);
		return absolute;
	}

	/** Makes every regular file directly inside {@code directory} 0600; a missing directory is left alone. */
	public static void tightenFiles(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			return;
		}
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
				setPermissions(file, FILE);
			}
		}
	}

	public static void setPermissions(Path path, Set<PosixFilePermission> permissions) throws IOException {
		try {
			Files.setPosixFilePermissions(path, permissions);
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: the protection of the directory it sits in applies
		}
	}
}
