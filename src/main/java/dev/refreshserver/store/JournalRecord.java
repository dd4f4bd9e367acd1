package dev.refreshserver.store;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One change of a family row as the {@link RotationJournal} keeps it until H2's file has it:
 * the row's new state. Records are replayed in the order they were appended; each replay
 * statement names the states it may replace, so that a record H2's file already has, or one a
 * later generation or a revocation overtook, changes nothing.
 */
sealed interface JournalRecord {

	/** Writes this record's fields (its kind is written by the journal). */
	void writeTo(DataOutputStream out) throws IOException;

	/** Applies this record to the store if its row has not moved past it. */
	void replay(JdbcTemplate jdbc);

	/** A rotation: the family's live token became generation {@code next.generation()}. */
	record Rotation(String familyId, RefreshState next) implements JournalRecord {

		static final byte KIND = 'R';

		@Override
		public void writeTo(DataOutputStream out) throws IOException {
			out.writeUTF(this.familyId);
			out.writeLong(this.next.generation());
			out.writeUTF(this.next.tokenHash());
			out.writeLong(this.next.issuedAt().toEpochMilli());
			out.writeLong(this.next.expiresAt().toEpochMilli());
			writeInstant(out, this.next.rotatedAt());
			writeString(out, this.next.predecessorHash());
			writeString(out, this.next.successorSealed());
		}

		static Rotation readFrom(DataInputStream in) throws IOException {
			String familyId = in.readUTF();
			RefreshState next = new RefreshState(in.readLong(), in.readUTF(), Instant.ofEpochMilli(in.readLong()),
					Instant.ofEpochMilli(in.readLong()), readInstant(in), readString(in), readString(in));
			return new Rotation(familyId, next);
		}

		/**
		 * Generations only grow, and a revoked family stays revoked whatever the journal says. Of
		 * two records of one generation the later wins: records are replayed in the order they
		 * were appended, which for one family is the order its row was written in (a record is
		 * appended while its transaction holds the row), so a rotation that rolled back after its
		 * record (cancelled, but perhaps too late) is overwritten by the one that won the row.
		 */
		@Override
		public void replay(JdbcTemplate jdbc) {
			jdbc.update("""
					UPDATE token_family SET generation = ?, token_hash = ?, token_issued_at = ?, token_expires_at = ?,
					       rotated_at = ?, predecessor_hash = ?, successor_sealed = ?
					WHERE id = ? AND COALESCE(generation, -1) <= ? AND revoked_at IS NULL""", this.next.generation(),
					this.next.tokenHash(), this.next.issuedAt().toEpochMilli(), this.next.expiresAt().toEpochMilli(),
					RefreshTokenStore.millis(this.next.rotatedAt()), this.next.predecessorHash(),
					this.next.successorSealed(), this.familyId, this.next.generation());
		}
	}

	/** Reuse mode: the live token of generation {@code generation} now dies of idleness at {@code expiresAt}. */
	record Extension(String familyId, long generation, Instant expiresAt) implements JournalRecord {

		static final byte KIND = 'E';

		@Override
		public void writeTo(DataOutputStream out) throws IOException {
			out.writeUTF(this.familyId);
			out.writeLong(this.generation);
			out.writeLong(this.expiresAt.toEpochMilli());
		}

		static Extension readFrom(DataInputStream in) throws IOException {
			return new Extension(in.readUTF(), in.readLong(), Instant.ofEpochMilli(in.readLong()));
		}

		/** In append order, the last extension of the live generation is the one that stands. */
		@Override
		public void replay(JdbcTemplate jdbc) {
			jdbc.update("""
					UPDATE token_family SET token_expires_at = ?
					WHERE id = ? AND generation = ? AND revoked_at IS NULL""", this.expiresAt.toEpochMilli(),
					this.familyId, this.generation);
		}
	}

	private static void writeString(DataOutputStream out, String value) throws IOException {
		out.writeBoolean(value != null);
		if (value != null) {
			out.writeUTF(value);
		}
	}

	private static String readString(DataInputStream in) throws IOException {
		return in.readBoolean() ? in.readUTF() : null;
	}

	private static void writeInstant(DataOutputStream out, Instant value) throws IOException {
		out.writeBoolean(value != null);
		if (value != null) {
			out.writeLong(value.toEpochMilli());
		}
	}

	private static Instant readInstant(DataInputStream in) throws IOException {
		return in.readBoolean() ? Instant.ofEpochMilli(in.readLong()) : null;
	}
}
