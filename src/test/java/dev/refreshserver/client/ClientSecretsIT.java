package dev.refreshserver.client;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.JarServer;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Client secrets kept out of configuration in plain text: a password hash printed by the jar's
 * {@code hash-secret} command, or an environment variable through a placeholder; both
 * authenticate, and the plain-text dev secret still does.
 */
class ClientSecretsIT {

	@TempDir
	Path state;

	@Test
	void hashedAndEnvironmentSecretsAuthenticateAlongsideThePlainDevSecret() throws Exception {
		String hash = hashSecret("hashed-secret");
		assertThat(hash).startsWith("{bcrypt}$2");
		Path clients = this.state.resolve("clients.yml");
		Files.writeString(clients, """
				refresh:
				  clients:
				    - client-id: demo-client
				      secret: demo-secret
				      grant-types: [client_credentials]
				      scopes: [read]
				    - client-id: hashed-client
				      secret: '%s'
				      grant-types: [client_credentials]
				      scopes: [read]
				    - client-id: env-client
				      secret: ${ENV_CLIENT_SECRET}
				      grant-types: [client_credentials]
				      scopes: [read]
				""".formatted(hash));
		try (JarServer server = JarServer.start(this.state, Map.of("ENV_CLIENT_SECRET", "secret-from-env"),
				List.of("--spring.config.additional-location=file:" + clients))) {
			ServerHttp http = server.http();
			assertThat(clientCredentials(http, "hashed-client", "hashed-secret").status()).isEqualTo(200);
			assertThat(clientCredentials(http, "env-client", "secret-from-env").status()).isEqualTo(200);
			assertThat(clientCredentials(http, "demo-client", "demo-secret").status()).isEqualTo(200);
			HttpResponseView hashAsSecret = clientCredentials(http, "hashed-client", hash);
			assertThat(hashAsSecret.status()).isEqualTo(401);
			assertThat(hashAsSecret.error()).isEqualTo("invalid_client");
			assertThat(clientCredentials(http, "env-client", "${ENV_CLIENT_SECRET}").status()).isEqualTo(401);
		}
	}

	private static HttpResponseView clientCredentials(ServerHttp http, String clientId, String secret) {
		return http.postForm("/oauth2/token", ServerHttp.form("grant_type", "client_credentials", "scope", "read"),
				"Authorization", ServerHttp.basic(clientId, secret));
	}

	/** Runs {@code java -jar target/refresh-server.jar hash-secret} with the secret on standard input. */
	private static String hashSecret(String secret) throws Exception {
		Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
				"target/refresh-server.jar", "hash-secret").redirectError(ProcessBuilder.Redirect.INHERIT).start();
		process.getOutputStream().write((secret + "\n").getBytes(StandardCharsets.UTF_8));
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
		assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
		assertThat(process.exitValue()).isZero();
		return output;
	}
}
