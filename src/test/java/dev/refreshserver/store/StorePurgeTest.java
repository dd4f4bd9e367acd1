package dev.refreshserver.store;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.jdbc.core.JdbcTemplate;

import dev.refreshserver.refresh.RefreshTokens;
import dev.refreshserver.support.Browser;
import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.Postgres;
import dev.refreshserver.support.RunningServer;
import dev.refreshserver.support.ServerHttp;

import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The purge, by the server clock, removes exactly the families past their idle or absolute
 * expiry and those revoked longer ago than the retention, plus expired codes and sessions, while
 * live families refresh without a single error. A server of its own, so every row is accounted
 * for (the standard profile: access 10 min, idle 30 days, absolute 365 days; retention 7 days), on
 * H2 and on PostgreSQL.
 */
class StorePurgeTest {

	private static final String ADMIN = "Bearer " + ServerHttp.ADMIN_TOKEN;

	@TempDir
	Path state;

	@ParameterizedTest
	@ValueSource(strings = { "H2", "PostgreSQL" })
	void purgeRemovesExactlyTheExpiredAndLongRevokedFamiliesUnderRefreshLoad(String database) throws Exception {
		List<String> switches = new ArrayList<>(List.of("--refresh.purge.batch-size=3"));
		if (database.equals("PostgreSQL")) {
			switches.addAll(Postgres.switches(Postgres.freshDatabase()));
		}
		try (RunningServer server = RunningServer.start(this.state, switches)) {
			ServerHttp http = server.http();
			JdbcTemplate jdbc = new JdbcTemplate(server.bean(DataSource.class));
			List<String> idle = mint(http, 10);
			List<String> revokedLongAgo = mint(http, 10);
			revokedLongAgo.forEach((token) -> revoke(http, token));
			List<String> absolute = mint(http, 3);
			Browser.authorize(http, "demo-public", "read", RefreshTokens.generate());
			for (int day = 25; day <= 350; day += 25) {
				advance(http, Duration.ofDays(25));
				absolute.replaceAll((token) -> refreshed(http, token));
			}
			List<String> live = mint(http, 4);
			List<String> revokedRecently = mint(http, 5);
			advance(http, Duration.ofDays(10));
			live.replaceAll((token) -> refreshed(http, token));
			revokedRecently.forEach((token) -> revoke(http, token));
			// day 365 and 11 minutes: the absolute families ended 11 minutes ago, their last access
			// tokens (10 minutes) a minute ago; idle ones ended long ago; the live ones refreshed 5 days ago
			advance(http, Duration.ofDays(5).plusMinutes(11));
			Set<String> kept = families(live);
			kept.addAll(families(revokedRecently));

			AtomicBoolean loading = new AtomicBoolean(true);
			AtomicInteger refreshes = new AtomicInteger();
			ExecutorService load = Executors.newFixedThreadPool(live.size());
			List<Future<List<String>>> errors = new ArrayList<>();
			for (String token : live) {
				ServerHttp client = new ServerHttp(http.base(), null);
				errors.add(load.submit(() -> refreshWhile(client, token, loading, refreshes)));
			}
			Thread.sleep(300);
			HttpResponseView purge = http.postForm("/admin/purge", form(), "Authorization", ADMIN);
			Thread.sleep(300);
			loading.set(false);
			List<String> failures = new ArrayList<>();
			for (Future<List<String>> each : errors) {
				failures.addAll(each.get(60, TimeUnit.SECONDS));
			}
			load.shutdownNow();

			assertThat(failures).as("refreshes of live families during the purge").isEmpty();
			assertThat(refreshes.get()).as("refreshes of live families during the purge").isGreaterThan(live.size());
			assertThat(purge.status()).as(purge.toString()).isEqualTo(200);
			JsonNode report = purge.json();
			assertThat(report.get("expiredFamilies").asInt()).isEqualTo(13);
			assertThat(report.get("revokedFamilies").asInt()).isEqualTo(10);
			assertThat(report.get("authorizationCodes").asInt()).isEqualTo(1);
			assertThat(report.get("sessions").asInt()).isPositive();
			assertThat(new HashSet<>(jdbc.queryForList("SELECT id FROM token_family", String.class)))
				.isEqualTo(kept);
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM authorization_code", Long.class)).isZero();
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM SPRING_SESSION", Long.class)).isZero();
			JsonNode again = http.postForm("/admin/purge", form(), "Authorization", ADMIN).json();
			assertThat(again.get("expiredFamilies").asInt() + again.get("revokedFamilies").asInt()).isZero();
			String metrics = http.get("/actuator/prometheus").body();
			assertThat(metrics).contains("refresh_store_purged_total{removed=\"expired_families\"} 13.0")
				.contains("refresh_store_purged_total{removed=\"revoked_families\"} 10.0")
				.contains("refresh_store_rows{table=\"token_family\"} " + kept.size() + ".0");
		}
	}

	@Test
	void aGraceWindowsSealIsKeptOnlyWhileTheWindowRuns() {
		try (RunningServer server = RunningServer.start(this.state,
				"--spring.config.additional-location=classpath:test-clients.yml")) {
			ServerHttp http = server.http();
			JdbcTemplate jdbc = new JdbcTemplate(server.bean(DataSource.class));
			String first = http.mintRefreshToken("grace-client", "read");
			String live = http.refresh("grace-client", "grace-secret", first, null).field("refresh_token");
			String family = RefreshTokenBytes.familyId(live);
			assertThat(sealed(jdbc, family)).isTrue();
			assertThat(http.postForm("/admin/purge", form(), "Authorization", ADMIN).json().get("sealsCleared").asInt())
				.as("inside the window").isZero();

			advance(http, Duration.ofMinutes(2));
			JsonNode report = http.postForm("/admin/purge", form(), "Authorization", ADMIN).json();

			assertThat(report.get("sealsCleared").asInt()).isEqualTo(1);
			assertThat(sealed(jdbc, family)).isFalse();
			assertThat(http.refresh("grace-client", "grace-secret", live, null).status()).isEqualTo(200);
		}
	}

	private static boolean sealed(JdbcTemplate jdbc, String family) {
		return jdbc.queryForObject("""
				SELECT COUNT(*) FROM token_family
				WHERE id = ? AND successor_sealed IS NOT NULL AND predecessor_hash IS NOT NULL""", Long.class,
				family) == 1;
	}

	/** Refreshes one family over and over until told to stop; returns every failure. */
	private static List<String> refreshWhile(ServerHttp http, String first, AtomicBoolean loading,
			AtomicInteger refreshes) {
		List<String> failures = new ArrayList<>();
		String token = first;
		while (loading.get()) {
			HttpResponseView response = http.refresh(token);
			if (response.status() != 200) {
				failures.add(response.toString());
				return failures;
			}
			token = response.field("refresh_token");
			refreshes.incrementAndGet();
		}
		return failures;
	}

	private static List<String> mint(ServerHttp http, int count) {
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			tokens.add(http.mintRefreshToken("demo-client", "read"));
		}
		return tokens;
	}

	private static String refreshed(ServerHttp http, String token) {
		HttpResponseView response = http.refresh(token);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.field("refresh_token");
	}

	private static void revoke(ServerHttp http, String token) {
		assertThat(http.postForm("/oauth2/revoke", form("token", token), "Authorization",
				ServerHttp.basic("demo-client", "demo-secret")).status()).isEqualTo(200);
	}

	private static void advance(ServerHttp http, Duration amount) {
		assertThat(http.postForm("/admin/clock", form("advance", amount.toString()), "Authorization", ADMIN).status())
			.isEqualTo(200);
	}

	private static Set<String> families(List<String> tokens) {
		Set<String> ids = new HashSet<>();
		tokens.forEach((token) -> ids.add(RefreshTokenBytes.familyId(token)));
		return ids;
	}
}
