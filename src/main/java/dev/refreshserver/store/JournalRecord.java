package dev.refreshserver.store;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One change of a family row as the {@link RotationJournal} keeps it until H2's file has it:
 * the row's new state, written so that applying it again, or after a later state, changes
 * nothing (each replay statement names the state it may replace).
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

		/** Generations only grow, and a revoked family stays revoked whatever the journal says. */
		@Override
		public void replay(JdbcTemplate jdbc) {
			jdbc.update("""
					UPDATE token_family SET generation = ?, token_hash = ?, token_issued_at = ?, token_expires_at = ?,
					       rotated_at = ?, predecessor_hash = ?, successor_sealed = ?
					WHERE id = ? AND COALESCE(generation, -1) < ? AND revoked_at IS NULL""", this.next.generation(),
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

		/** An idle expiry only moves later. */
		@Override
		public void replay(JdbcTemplate jdbc) {
			jdbc.update("""
					UPDATE token_family SET token_expires_at = ?
					WHERE id = ? AND generation = ? AND revoked_at IS NULL AND token_expires_at < ?""",
					this.expiresAt.toEpochMilli(), this.familyId, this.generation, this.expiresAt.toEpochMilli());
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
