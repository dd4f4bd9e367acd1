package dev.refreshserver;

import java.sql.Connection;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.Postgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refresh semantics of {@link RefreshGrantTest}, every test of it, on PostgreSQL: the same
 * migrations, the same conditional writes, the other database.
 */
class RefreshGrantOnPostgresTest extends RefreshGrantTest {

	@Autowired
	private DataSource dataSource;

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		Postgres.register(registry);
	}

	@Test
	void runsOnPostgres() throws Exception {
		try (Connection connection = this.dataSource.getConnection()) {
			assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("PostgreSQL");
		}
	}

	/** Also with OpenID Connect: the refreshed ID token's login (auth_time, claims) comes with the family's row. */
	@ParameterizedTest
	@ValueSource(strings = { "read", "openid read" })
	void aRefreshIsTwoStatementsOnPostgresOneReadAndOneWriteWithoutBeginOrCommit(String scope) throws Exception {
		String token = this.http.refresh(this.http.mintRefreshToken("demo-client", scope)).field("refresh_token");
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
		jdbc.execute("SELECT pg_stat_statements_reset()");
		int refreshes = 20;
		for (int i = 0; i < refreshes; i++) {
			HttpResponseView refreshed = this.http.refresh(token);
			assertThat(refreshed.status()).isEqualTo(200);
			assertThat(refreshed.field("id_token") != null).isEqualTo(scope.contains("openid"));
			token = refreshed.field("refresh_token");
		}
		// every statement this database ran, with its calls (BEGIN and COMMIT would be statements too)
		List<Map<String, Object>> executed = jdbc.queryForList("""
				SELECT query, calls FROM pg_stat_statements
				WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
				  AND query NOT LIKE '%pg_stat_statements%'""");

		assertThat(executed).hasSize(2).allSatisfy((statement) -> {
			assertThat(((Number) statement.get("calls")).intValue()).isEqualTo(refreshes);
			assertThat(statement.get("query").toString()).contains("token_family").contains("WHERE id = $");
		});
		assertThat(executed).anySatisfy((statement) -> assertThat(statement.get("query").toString()).startsWith("SELECT"));
		assertThat(executed).anySatisfy((statement) -> assertThat(statement.get("query").toString()).startsWith("UPDATE"));
	}
}
