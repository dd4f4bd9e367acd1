package dev.refreshserver.keys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.refreshserver.config.RefreshProperties;
import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.RunningServer;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The refresh-token MAC key rotates by adding a key to {@code keys/refresh-token.keys}: new tokens
 * are made under it, and tokens made under the old key keep verifying.
 */
class RefreshTokenKeyRotationTest {

	@TempDir
	Path state;

	@Test
	void tokensMadeUnderTheOldKeyStillRefreshAfterANewKeyIsAdded() throws Exception {
		Path keys = this.state.resolve("keys").resolve(RefreshTokenKeys.FILE_NAME);
		String token;
		try (RunningServer first = RunningServer.start(this.state)) {
			token = first.http().mintRefreshToken("demo-client", "read");
		}
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");
		assertThat(keyId(token)).isEqualTo(1);
		Files.writeString(keys, "2 " + randomKey() + "\n", StandardOpenOption.APPEND);

		try (RunningServer second = RunningServer.start(this.state)) {
			ServerHttp http = second.http();
			HttpResponseView refreshed = http.refresh(token);
			assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
			assertThat(keyId(refreshed.field("refresh_token"))).isEqualTo(2);
			assertThat(http.refresh(refreshed.field("refresh_token")).status()).isEqualTo(200);
			// and the old key's token, now rotated out, is still recognised as ours: reuse
			assertThat(http.refresh(token).error()).isEqualTo("invalid_grant");
		}
	}

	@Test
	void aTokenIsVerifiedOnlyUnderTheKeyItNames() throws Exception {
		Path directory = this.state.resolve("keys");
		Files.createDirectories(directory);
		Files.writeString(directory.resolve(RefreshTokenKeys.FILE_NAME),
				"1 " + randomKey() + "\n2 " + randomKey() + "\n");
		RefreshTokenKeys keys = new RefreshTokenKeys(new RefreshProperties(null, null, directory, null, null, false,
				null, null, null, null, null, null, null));
		byte[] data = "generation 7 of some family".getBytes(StandardCharsets.UTF_8);
		byte[] signed = Arrays.copyOf(data, data.length + RefreshTokenKeys.MAC_BYTES);
		System.arraycopy(keys.mac(1, data, data.length), 0, signed, data.length, RefreshTokenKeys.MAC_BYTES);

		assertThat(keys.currentId()).isEqualTo(2);
		assertThat(keys.verify(1, signed, data.length)).isTrue();
		assertThat(keys.verify(2, signed, data.length)).isFalse();
		assertThat(keys.verify(3, signed, data.length)).isFalse();
		assertThat(keys.mac(3, data, data.length)).isNull();
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	private static int keyId(String token) {
		return Byte.toUnsignedInt(Base64.getUrlDecoder().decode(token)[1]);
	}
}
