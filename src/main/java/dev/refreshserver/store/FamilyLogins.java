package dev.refreshserver.store;

import java.time.Instant;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The login behind a family, as its ID tokens and userinfo describe it: when the user logged in
 * ({@code token_family.auth_time}) and the claims a dev-mode login as anyone brought
 * ({@code login_claims}, JSON). Kept apart from the family's other columns because only OpenID
 * Connect grants read them, and only when they issue an ID token or answer userinfo.
 */
@Repository
public class FamilyLogins {

	private final JdbcTemplate jdbc;

	public FamilyLogins(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records the login of a family; call it in the transaction that opens the family.
	 * @param claims the login's own claims as a JSON object, or null
	 */
	public void record(String familyId, Instant authTime, String claims) {
		this.jdbc.update("UPDATE token_family SET auth_time = ?, login_claims = ? WHERE id = ?",
				authTime.toEpochMilli(), claims, familyId);
	}

	/** The login of {@code family}; a family with none recorded logged in when it was opened. */
	public Login of(TokenFamily family) {
		return this.jdbc.query("SELECT auth_time, login_claims FROM token_family WHERE id = ?", (rs, row) -> {
			Instant authTime = RefreshTokenStore.instant(rs, "auth_time");
			return new Login((authTime != null) ? authTime : family.createdAt(), rs.getString("login_claims"));
		}, family.id()).stream().findFirst().orElse(new Login(family.createdAt(), null));
	}

	/** The login claims of a family by id, or null (none, or no such family). */
	public String claimsOf(String familyId) {
		return this.jdbc.queryForList("SELECT login_claims FROM token_family WHERE id = ?", String.class, familyId)
			.stream()
			.filter((claims) -> claims != null)
			.findFirst()
			.orElse(null);
	}

	/**
	 * @param claims the login's own claims as a JSON object, or null
	 */
	public record Login(Instant authTime, String claims) {
	}
}
