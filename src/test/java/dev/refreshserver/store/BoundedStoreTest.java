package dev.refreshserver.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A family is one row however often it refreshes, and reuse of any token it ever issued is still
 * detected (docs/storage.md, "Bounds").
 */
class BoundedStoreTest extends ServerTest {

	@Autowired
	DataSource dataSource;

	@Test
	void familyRefreshedTenThousandTimesKeepsOneRowInTheWholeStore() {
		Map<String, Long> before = rowsPerTable();
		String token = this.http.mintRefreshToken("demo-client", "read");
		for (int i = 0; i < 10_000; i++) {
			HttpResponseView response = this.http.refresh(token);
			assertThat(response.status()).as("refresh %d: %s", i + 1, response).isEqualTo(200);
			token = response.field("refresh_token");
		}
		Map<String, Long> after = rowsPerTable();

		assertThat(after.keySet()).containsExactlyElementsOf(before.keySet());
		Map<String, Long> grown = new LinkedHashMap<>();
		after.forEach((table, rows) -> {
			if (rows - before.get(table) != 0) {
				grown.put(table, rows - before.get(table));
			}
		});
		assertThat(grown).as("rows added in every table of the store").isEqualTo(Map.of("TOKEN_FAMILY", 1L));
		assertThat(RefreshTokenBytes.generation(token)).isEqualTo(10_000);
	}

	@Test
	void replayingTheFirstTokenAfterAThousandRotationsRevokesTheFamily() {
		assertReplayAfterAThousandRotationsRevokes(0);
	}

	@Test
	void replayingTheFiveHundredthTokenAfterAThousandRotationsRevokesTheFamily() {
		assertReplayAfterAThousandRotationsRevokes(499);
	}

	/** Rotates a family 1,000 times, then presents the token issued {@code index}-th (0: the first). */
	private void assertReplayAfterAThousandRotationsRevokes(int index) {
		List<String> issued = rotations(1_000);

		HttpResponseView replay = this.http.refresh(issued.get(index));

		assertThat(replay.status()).isEqualTo(400);
		assertThat(replay.error()).isEqualTo("invalid_grant");
		assertFamilyRevoked(issued.get(issued.size() - 1));
	}

	@Test
	void aRefreshExecutesOneReadAndOneWriteOfTheFamilyRow() {
		String token = this.http.refresh(this.http.mintRefreshToken("demo-client", "read")).field("refresh_token");
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		// H2 counts the executions of each statement while QUERY_STATISTICS is on; switching it on anew clears
		// them. COMMIT is left out: the transaction's commit, and the one H2 records when the connection
		// goes back to auto-commit, are calls inside this process, not statements of the refresh.
		jdbc.execute("SET QUERY_STATISTICS FALSE");
		jdbc.execute("SET QUERY_STATISTICS TRUE");
		try {
			assertThat(this.http.refresh(token).status()).isEqualTo(200);
			List<Map<String, Object>> executed = jdbc.queryForList("""
					SELECT SQL_STATEMENT, EXECUTION_COUNT FROM INFORMATION_SCHEMA.QUERY_STATISTICS
					WHERE SQL_STATEMENT NOT LIKE '%QUERY_STATISTICS%' AND SQL_STATEMENT <> 'COMMIT'""");

			assertThat(executed).hasSize(2).allSatisfy((statement) -> {
				assertThat(statement.get("EXECUTION_COUNT")).isEqualTo(1);
				assertThat(statement.get("SQL_STATEMENT").toString()).contains("token_family").contains("WHERE id = ?");
			});
			assertThat(executed).anySatisfy((statement) -> assertThat(statement.get("SQL_STATEMENT").toString())
				.startsWith("SELECT"));
			assertThat(executed).anySatisfy((statement) -> assertThat(statement.get("SQL_STATEMENT").toString())
				.startsWith("UPDATE").contains("AND generation = ? AND revoked_at IS NULL"));
		}
		finally {
			jdbc.execute("SET QUERY_STATISTICS FALSE");
		}
	}

	/** The minted token and every successor of {@code count} rotations, in order. */
	private List<String> rotations(int count) {
		List<String> issued = new ArrayList<>();
		issued.add(this.http.mintRefreshToken("demo-client", "read"));
		for (int i = 0; i < count; i++) {
			HttpResponseView response = this.http.refresh(issued.get(issued.size() - 1));
			assertThat(response.status()).isEqualTo(200);
			issued.add(response.field("refresh_token"));
		}
		return issued;
	}

	private void assertFamilyRevoked(String liveToken) {
		assertThat(this.http.refresh(liveToken).error()).isEqualTo("invalid_grant");
		assertThat(this.http.introspect(liveToken).field("active")).isEqualTo("false");
		String revokedReason = new JdbcTemplate(this.dataSource).queryForObject(
				"SELECT revoked_reason FROM token_family WHERE id = ?", String.class,
				RefreshTokenBytes.familyId(liveToken));
		assertThat(revokedReason).isEqualTo("refresh_token_reuse");
	}

	private Map<String, Long> rowsPerTable() {
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		Map<String, Long> rows = new LinkedHashMap<>();
		for (String table : jdbc.queryForList("""
				SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES
				WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME""", String.class)) {
			rows.put(table, jdbc.queryForObject("SELECT COUNT(*) FROM \"" + table + "\"", Long.class));
		}
		return rows;
	}
}
