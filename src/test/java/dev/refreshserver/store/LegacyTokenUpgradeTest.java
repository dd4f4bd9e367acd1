package dev.refreshserver.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.refreshserver.refresh.RefreshTokens;
import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.RunningServer;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Upgrading logs nobody out: a data directory made by the schema before this change (migrations
 * up to V3) holding a family exactly as that version stored it (a row per token, keyed by the
 * SHA-256 of a 43-character random token), opened by this version: the live token refreshes once
 * through the old lookup, its successor is in the new format and refreshes again, and the
 * family's older, rotated token from before the upgrade is still detected as reuse.
 */
class LegacyTokenUpgradeTest {

	@TempDir
	Path state;

	@Test
	void aTokenIssuedBeforeTheUpgradeRefreshesAndItsSuccessorIsInTheNewFormat() throws Exception {
		String url = "jdbc:h2:file:" + this.state.resolve("data").resolve("refresh").toAbsolutePath();
		Flyway.configure().dataSource(url, "sa", "").locations("classpath:dev/refreshserver/db/migration").target("3").load().migrate();
		String familyId = RefreshTokens.randomId(16);
		String rotated = RefreshTokens.generate();
		String live = RefreshTokens.generate();
		storeAsBeforeTheUpgrade(url, familyId, rotated, live);

		try (RunningServer server = RunningServer.start(this.state)) {
			ServerHttp http = server.http();
			assertThat(http.introspect(live).field("active")).isEqualTo("true");

			HttpResponseView first = http.refresh(live);
			assertThat(first.status()).as(first.toString()).isEqualTo(200);
			String successor = first.field("refresh_token");
			assertThat(successor).hasSize(120);
			assertThat(RefreshTokenBytes.familyId(successor)).isEqualTo(familyId);
			assertThat(RefreshTokenBytes.generation(successor)).isEqualTo(1);

			HttpResponseView second = http.refresh(successor);
			assertThat(second.status()).as(second.toString()).isEqualTo(200);
			String third = second.field("refresh_token");
			assertThat(RefreshTokenBytes.generation(third)).isEqualTo(2);

			// the token rotated out before the upgrade is still a token we issued: reuse
			assertThat(http.refresh(rotated).error()).isEqualTo("invalid_grant");
			assertThat(http.refresh(third).error()).isEqualTo("invalid_grant");
			assertThat(http.introspect(third).field("active")).isEqualTo("false");
		}
	}

	/** The rows the store wrote before this change for a grant refreshed once (V1's schema). */
	private static void storeAsBeforeTheUpgrade(String url, String familyId, String rotated, String live)
			throws Exception {
		long now = Instant.now().toEpochMilli();
		long idle = now + Duration.ofDays(30).toMillis();
		try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
			try (PreparedStatement family = connection.prepareStatement("""
					INSERT INTO token_family (id, client_id, subject, granted_scope, created_at, expires_at)
					VALUES (?, 'demo-client', 'alice', 'read', ?, ?)""")) {
				family.setString(1, familyId);
				family.setLong(2, now);
				family.setLong(3, now + Duration.ofDays(365).toMillis());
				family.executeUpdate();
			}
			try (PreparedStatement token = connection.prepareStatement("""
					INSERT INTO refresh_token (token_hash, family_id, state, issued_at, expires_at, rotated_at,
					                           successor_hash)
					VALUES (?, ?, ?, ?, ?, ?, ?)""")) {
				token.setString(1, RefreshTokens.hash(rotated));
				token.setString(2, familyId);
				token.setString(3, "rotated");
				token.setLong(4, now);
				token.setLong(5, idle);
				token.setLong(6, now);
				token.setString(7, RefreshTokens.hash(live));
				token.executeUpdate();
				token.setString(1, RefreshTokens.hash(live));
				token.setString(3, "active");
				token.setObject(6, null);
				token.setObject(7, null);
				token.executeUpdate();
			}
		}
	}
}
