package dev.refreshserver.store;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;

import dev.refreshserver.operations.OwnerOnlyFiles;

/**
 * One file of the {@link RotationJournal}, next to H2's database file ({@code refresh.mv.db} has
 * {@code refresh.journal.1}, {@code refresh.journal.2}, ...). Each record is framed as its
 * length, its bytes and their CRC-32, so a record torn by a crash in the middle of a write is
 * recognised and ends the reading of that file (it was never acknowledged).
 */
final class JournalSegment {

	/** Bigger than any record; a length past it is a torn or foreign frame. */
	private static final int MAX_RECORD = 64 * 1024;

	private static final byte CANCEL = 'X';

	private final long number;

	private final Path path;

	private final FileChannel channel;

	/** Records appended whose transaction has not committed or rolled back yet (guarded by the journal's lock). */
	int inFlight;

	/** Records appended since the file was opened (guarded by the journal's lock). */
	int records;

	private JournalSegment(long number, Path path, FileChannel channel) {
		this.number = number;
		this.path = path;
		this.channel = channel;
	}

	/**
	 * Opens a new, empty file, readable by the owner only (it holds token hashes and sealed
	 * tokens). With {@code syncDirectory} the directory entry is forced to the disk too, so that
	 * a power loss cannot lose the file its forced writes went to.
	 */
	static JournalSegment create(Path database, long number, boolean syncDirectory) throws IOException {
		Path path = database.resolveSibling(baseName(database) + ".journal." + number);
		FileChannel channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
		OwnerOnlyFiles.setPermissions(path, OwnerOnlyFiles.FILE);
		if (syncDirectory) {
			try (FileChannel directory = FileChannel.open(path.getParent(), StandardOpenOption.READ)) {
				directory.force(true);
			}
		}
		return new JournalSegment(number, path, channel);
	}

	/** The journal files a previous run left next to {@code database}, oldest first. */
	static List<Path> existing(Path database) throws IOException {
		Pattern name = Pattern.compile(Pattern.quote(baseName(database) + ".journal.") + "(\\d+)");
		try (Stream<Path> files = Files.list(database.getParent())) {
			return files.filter((file) -> name.matcher(file.getFileName().toString()).matches())
				.sorted(Comparator.comparingLong(JournalSegment::number))
				.toList();
		}
	}

	/** 7 for {@code refresh.journal.7}. */
	static long number(Path file) {
		String name = file.getFileName().toString();
		return Long.parseLong(name.substring(name.lastIndexOf('.') + 1));
	}

	/** {@code refresh} for {@code refresh.mv.db}. */
	private static String baseName(Path database) {
		String file = database.getFileName().toString();
		return file.endsWith(".mv.db") ? file.substring(0, file.length() - ".mv.db".length()) : file;
	}

	long number() {
		return this.number;
	}

	/**
	 * Appends whole frames; on failure the file is cut back to where it was, so that a later
	 * write does not follow a torn frame (which would hide it from the replay).
	 */
	void write(byte[] frames, boolean force) throws IOException {
		long start = this.channel.position();
		try {
			ByteBuffer buffer = ByteBuffer.wrap(frames);
			while (buffer.hasRemaining()) {
				this.channel.write(buffer);
			}
			if (force) {
				this.channel.force(false);
			}
		}
		catch (IOException ex) {
			this.channel.truncate(start);
			this.channel.position(start);
			throw ex;
		}
	}

	/** Closes and deletes the file; again after a failure, it finishes what is left. */
	void delete() throws IOException {
		this.channel.close();
		Files.deleteIfExists(this.path);
	}

	@Override
	public String toString() {
		return this.path.toString();
	}

	/** A record of a change, with the sequence number it was appended under. */
	static byte[] frame(long sequence, JournalRecord record) {
		return frame(sequence, record, 0);
	}

	/** A record that the change appended under {@code cancelled} did not commit. */
	static byte[] cancelFrame(long sequence, long cancelled) {
		return frame(sequence, null, cancelled);
	}

	private static byte[] frame(long sequence, JournalRecord record, long cancelled) {
		try {
			ByteArrayOutputStream body = new ByteArrayOutputStream(256);
			DataOutputStream out = new DataOutputStream(body);
			out.writeByte(kind(record));
			out.writeLong(sequence);
			if (record != null) {
				record.writeTo(out);
			}
			else {
				out.writeLong(cancelled);
			}
			byte[] bytes = body.toByteArray();
			ByteBuffer frame = ByteBuffer.allocate(bytes.length + 8);
			frame.putInt(bytes.length).put(bytes).putInt(crc(bytes));
			return frame.array();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static byte kind(JournalRecord record) {
		if (record == null) {
			return CANCEL;
		}
		return (record instanceof JournalRecord.Rotation) ? JournalRecord.Rotation.KIND : JournalRecord.Extension.KIND;
	}

	/** Every whole record of a journal file, in the order written; stops at the first torn one. */
	static Records read(Path path) throws IOException {
		Records records = new Records(new ArrayList<>(), new ArrayList<>());
		try (InputStream file = new BufferedInputStream(Files.newInputStream(path))) {
			DataInputStream in = new DataInputStream(file);
			byte[] body;
			while ((body = nextBody(in)) != null) {
				DataInputStream fields = new DataInputStream(new ByteArrayInputStream(body));
				byte kind = fields.readByte();
				long sequence = fields.readLong();
				if (kind == JournalRecord.Rotation.KIND) {
					records.changes().add(new Sequenced(sequence, JournalRecord.Rotation.readFrom(fields)));
				}
				else if (kind == JournalRecord.Extension.KIND) {
					records.changes().add(new Sequenced(sequence, JournalRecord.Extension.readFrom(fields)));
				}
				else if (kind == CANCEL) {
					records.cancelled().add(fields.readLong());
				}
				else {
					return records;
				}
			}
		}
		return records;
	}

	/** The next frame's bytes if whole and intact, else null (end of file or a torn frame). */
	private static byte[] nextBody(DataInputStream in) throws IOException {
		try {
			int length = in.readInt();
			if (length <= 0 || length > MAX_RECORD) {
				return null;
			}
			byte[] body = in.readNBytes(length);
			if (body.length < length || in.readInt() != crc(body)) {
				return null;
			}
			return body;
		}
		catch (EOFException ex) {
			return null;
		}
	}

	private static int crc(byte[] bytes) {
		CRC32 crc = new CRC32();
		crc.update(bytes);
		return (int) crc.getValue();
	}

	/** What one journal file holds: its changes in order, and the sequence numbers of those that did not commit. */
	record Records(List<Sequenced> changes, List<Long> cancelled) {
	}

	record Sequenced(long sequence, JournalRecord record) {
	}
}
