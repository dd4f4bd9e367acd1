package dev.refreshserver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/** Refresh tokens and client secrets are stored only as hashes. */
class SecretsAtRestTest extends ServerTest {

	@Autowired
	DataSource dataSource;

	@Test
	void databaseHoldsNoPlaintextRefreshTokenOrClientSecret() throws IOException {
		List<String> secrets = new ArrayList<>(List.of("demo-secret", "other-secret", "grace-secret", "reuse-secret"));
		HttpResponseView minted = this.http.mint("demo-client", "dave", "read");
		secrets.add(minted.field("refresh_token"));
		secrets.add(this.http.refresh(minted.field("refresh_token")).field("refresh_token"));
		String graceToken = this.http.mintRefreshToken("grace-client", "read");
		secrets.add(graceToken);
		secrets.add(this.http.refresh("grace-client", "grace-secret", graceToken, null).field("refresh_token"));
		// nor the refresh-token MAC key, nor any token's random part (which alone would not refresh, but still)
		for (String line : Files.readAllLines(STATE.resolve("keys").resolve("refresh-token.keys"))) {
			secrets.add(line.split(" ")[1]);
		}
		for (String token : List.copyOf(secrets.subList(4, 8))) {
			secrets.add(Base64.getUrlEncoder()
				.withoutPadding()
				.encodeToString(Arrays.copyOfRange(Base64.getUrlDecoder().decode(token), 26, 58)));
		}

		String dump = String.join("\n",
				new JdbcTemplate(this.dataSource).queryForList("SCRIPT NOPASSWORDS NOSETTINGS", String.class));
		assertThat(dump).contains("INSERT INTO \"PUBLIC\".\"TOKEN_FAMILY\"");
		byte[] files = readDataFiles();
		for (String secret : secrets) {
			assertThat(dump).doesNotContain(secret);
			assertThat(new String(files, StandardCharsets.ISO_8859_1)).doesNotContain(secret);
		}
	}

	private static byte[] readDataFiles() throws IOException {
		StringBuilder all = new StringBuilder();
		try (Stream<Path> files = Files.list(STATE.resolve("data"))) {
			for (Path file : files.toList()) {
				all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
			}
		}
		return all.toString().getBytes(StandardCharsets.ISO_8859_1);
	}
}
