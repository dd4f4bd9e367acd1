package dev.refreshserver.store;

import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * When the user of a family logged in ({@code token_family.auth_time}): what every ID token of the
 * family says in {@code auth_time}. Kept apart from the family's other columns because only
 * OpenID Connect grants read it, and only when they issue an ID token.
 */
@Repository
public class AuthenticationTimes {

	private final JdbcTemplate jdbc;

	public AuthenticationTimes(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Records the login time of a family; call it in the transaction that opens the family. */
	public void record(String familyId, Instant authTime) {
		this.jdbc.update("UPDATE token_family SET auth_time = ? WHERE id = ?", authTime.toEpochMilli(), familyId);
	}

	/** The login time of {@code family}; a family with none recorded logged in when it was opened. */
	public Instant of(TokenFamily family) {
		return this.jdbc.queryForList("SELECT auth_time FROM token_family WHERE id = ?", Long.class, family.id())
			.stream()
			.filter((millis) -> millis != null)
			.map(Instant::ofEpochMilli)
			.findFirst()
			.orElse(family.createdAt());
	}
}
