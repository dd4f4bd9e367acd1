package dev.refreshserver.keys;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

import dev.refreshserver.operations.OwnerOnlyFiles;

/** Writes private key material readable by the owner only, atomically. */
final class KeyFiles {

	private KeyFiles() {
	}

	static void writePrivate(Path file, String content) throws IOException {
		OwnerOnlyFiles.directory(file.toAbsolutePath().getParent());
		Path temp = Files.createTempFile(file.toAbsolutePath().getParent(), ".key", ".tmp");
		try {
			Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
		}
		catch (UnsupportedOperationException ex) {
			// not a POSIX file system: the directory's own protection applies
		}
		Files.writeString(temp, content);
		Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
	}
}
