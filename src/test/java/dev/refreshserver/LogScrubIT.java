package dev.refreshserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.refreshserver.refresh.RefreshTokens;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs after the whole test suite (failsafe, {@code mvn verify}) and reads the log every server of
 * the suite wrote ({@code target/test-suite.log}): no access token, refresh token, authorization
 * code, client secret, user password, password hash or admin token may appear in it.
 */
class LogScrubIT {

	/** A JWT: two base64url JSON objects, as every access and ID token starts. */
	private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{4,}\\.eyJ[A-Za-z0-9_-]{4,}");

	/**
	 * A run of 40 or more base64url characters mixing upper case, lower case and digits: our refresh
	 * tokens (120 characters; 43 before the store upgrade), authorization codes (128), a grace-window
	 * seal, a token hash.
	 */
	private static final Pattern RANDOM_VALUE = Pattern
		.compile("(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{40,}(?![A-Za-z0-9_-])");

	private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");

	private static final Pattern BASIC_CREDENTIALS = Pattern.compile("(?i)\\bBasic\\s+[A-Za-z0-9+/]{8,}={0,2}");

	/** {@code secret:}, {@code password:} and {@code token:} values of a YAML file. */
	private static final Pattern YAML_SECRET = Pattern
		.compile("^\\s*(?:-\\s*)?(?:secret|password|token):\\s*(\\S+)\\s*$");

	@Test
	void theWholeSuitesLogHoldsNoTokenOrSecret() throws IOException {
		Path log = Path.of(System.getProperty("refresh.suite-log", "target/test-suite.log"));
		assertThat(log).as("the suite's log; run `mvn verify`").exists();
		List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
		// the suite started servers and exercised them: an empty log would prove nothing
		assertThat(lines.stream().filter((line) -> line.contains("Tomcat started on port")).count()).isPositive();
		Set<String> secrets = configuredSecrets();
		List<String> leaks = new ArrayList<>();
		for (int i = 0; i < lines.size(); i++) {
			for (String finding : findings(lines.get(i), secrets)) {
				leaks.add(log.getFileName() + ":" + (i + 1) + ": " + finding + "\n    " + lines.get(i));
			}
		}
		assertThat(leaks).as("secrets in the log").isEmpty();
	}

	/** The detector finds each kind of secret in a planted line and nothing in ordinary lines. */
	@Test
	void theDetectorFindsEveryKindOfSecret() throws IOException {
		Set<String> secrets = configuredSecrets();
		assertThat(secrets).contains("demo-secret", "other-secret", "alice-password", ServerHttp.ADMIN_TOKEN);
		String jwt = base64("{\"kid\":\"k\",\"alg\":\"RS256\"}") + "." + base64("{\"sub\":\"alice\"}") + ".c2ln";
		String refreshToken = RefreshTokens.generate();
		String code = RefreshTokens.randomId(96);
		String basic = ServerHttp.basic("demo-client", "x");
		String bcrypt = "{bcrypt}$2a$10$" + "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0";
		for (String planted : List.of("issued " + jwt, "refresh_token=" + refreshToken + "&scope=read",
				"code=" + code, "Authorization: " + basic, "hash " + bcrypt, "client_secret=demo-secret",
				"password alice-password", "Bearer " + ServerHttp.ADMIN_TOKEN)) {
			assertThat(findings("2026-11-27T13:00:00Z  WARN 1 --- [main] d.r.Something : " + planted, secrets))
				.as(planted).isNotEmpty();
		}
		for (String ordinary : List.of(
				"2026-11-27T13:41:18.599Z  INFO 11748 --- [refresh-server] [main] o.s.boot.tomcat.TomcatWebServer"
						+ " : Tomcat started on port 9000 (http) with context path '/'",
				"WARN d.r.refresh.RefreshTokenGrantProvider : Refresh token reuse detected: revoked family"
						+ " " + RefreshTokens.randomId(16) + " of client demo-client",
				"INFO o.f.core.internal.command.DbMigrate : Schema \"PUBLIC\" is up to date",
				"INFO spring-boot-starter-security-oauth2-authorization-server-4.1.2.jar")) {
			assertThat(findings(ordinary, secrets)).as(ordinary).isEmpty();
		}
	}

	/** What in {@code line} looks like a token or is a configured secret. */
	static List<String> findings(String line, Set<String> secrets) {
		List<String> findings = new ArrayList<>();
		for (Pattern pattern : List.of(JWT, BCRYPT, BASIC_CREDENTIALS)) {
			Matcher matcher = pattern.matcher(line);
			while (matcher.find()) {
				findings.add(matcher.group());
			}
		}
		Matcher random = RANDOM_VALUE.matcher(line);
		while (random.find()) {
			String value = random.group();
			if (value.matches(".*[A-Z].*") && value.matches(".*[a-z].*") && value.matches(".*[0-9].*")) {
				findings.add(value);
			}
		}
		for (String secret : secrets) {
			if (line.contains(secret)) {
				findings.add(secret);
			}
		}
		return findings;
	}

	/** Every client secret, user password and admin token the servers of the suite were configured with. */
	static Set<String> configuredSecrets() throws IOException {
		Set<String> secrets = new LinkedHashSet<>();
		secrets.add(ServerHttp.ADMIN_TOKEN);
		for (String file : List.of("config/application.yml", "src/test/resources/test-clients.yml")) {
			for (String line : Files.readAllLines(Path.of(file), StandardCharsets.UTF_8)) {
				Matcher matcher = YAML_SECRET.matcher(line);
				if (matcher.matches() && !matcher.group(1).startsWith("#")) {
					secrets.add(matcher.group(1));
				}
			}
		}
		return secrets;
	}

	private static String base64(String json) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
	}
}
