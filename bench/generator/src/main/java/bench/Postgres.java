package bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL database of --pg-url, emptied before each system that runs on it: every PostgreSQL
 * system starts on an empty schema, so ours-pg then ours-pg2 in one run (or a run after a run) do not
 * inherit the families of the one before. Only tables Refresh Server left are dropped: a schema with
 * tables but without Flyway's history table is someone else's, and the run refuses it.
 */
final class Postgres {

	static final String FLYWAY_HISTORY = "flyway_schema_history";

	private Postgres() {
	}

	/** Drops every table of the connection's current schema if Refresh Server made them; says what it did. */
	static String empty(Options o) throws SQLException {
		try (Connection c = DriverManager.getConnection(o.pgUrl, o.pgUser, o.pgPassword);
				Statement st = c.createStatement()) {
			String schema;
			try (ResultSet rs = st.executeQuery("SELECT current_schema()")) {
				rs.next();
				schema = rs.getString(1);
			}
			if (schema == null) {
				throw new IllegalStateException("--pg-url: no current schema (search_path is empty)");
			}
			List<String> tables = new ArrayList<>();
			try (ResultSet rs = st.executeQuery(
					"SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename")) {
				while (rs.next()) {
					tables.add(rs.getString(1));
				}
			}
			if (tables.isEmpty()) {
				return "PostgreSQL schema " + schema + " is empty";
			}
			if (!tables.contains(FLYWAY_HISTORY)) {
				throw new IllegalStateException("--pg-url: schema " + schema + " has tables " + tables + " but no "
						+ FLYWAY_HISTORY + ": not a database Refresh Server made; give the bench an empty database");
			}
			c.setAutoCommit(false);
			for (String t : tables) {
				st.execute("DROP TABLE IF EXISTS " + quote(schema) + "." + quote(t) + " CASCADE");
			}
			c.commit();
			return "PostgreSQL schema " + schema + " emptied: dropped the " + tables.size()
					+ " tables a previous Refresh Server left";
		}
	}

	private static String quote(String identifier) {
		return "\"" + identifier.replace("\"", "\"\"") + "\"";
	}
}
