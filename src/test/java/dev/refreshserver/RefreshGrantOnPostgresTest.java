package dev.refreshserver;

import java.sql.Connection;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

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
}
