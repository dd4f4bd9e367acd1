package dev.refreshserver.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code hash-secret} prints a hash the server's password encoder accepts for the secret. */
class SecretHashCommandTest {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void hashesTheSecretFromStandardInput() throws Exception {
		assertThat(run("s3cret\n", "hash-secret")).isZero();
		String hash = this.out.toString(StandardCharsets.UTF_8).trim();
		assertThat(hash).startsWith("{bcrypt}");
		assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder().matches("s3cret", hash)).isTrue();
	}

	@Test
	void hashesTheSecretGivenAsAnArgument() throws Exception {
		assertThat(run("", "hash-secret", "from-argument")).isZero();
		assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder()
			.matches("from-argument", this.out.toString(StandardCharsets.UTF_8).trim())).isTrue();
	}

	@Test
	void refusesAnEmptySecret() throws Exception {
		assertThat(run("\n", "hash-secret")).isEqualTo(2);
		assertThat(this.out.size()).isZero();
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("empty");
	}

	private int run(String input, String... args) throws Exception {
		return SecretHashCommand.run(args, new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
				new PrintStream(this.out, true, StandardCharsets.UTF_8), new PrintStream(this.err, true, StandardCharsets.UTF_8));
	}
}
