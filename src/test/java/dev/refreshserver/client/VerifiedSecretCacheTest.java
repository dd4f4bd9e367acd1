package dev.refreshserver.client;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The cache answers as the encoder behind it, for the outcome of a check and for re-encoding. */
class VerifiedSecretCacheTest {

	private final DelegatingPasswordEncoder encoder = encoder(6);

	private final VerifiedSecretCache cache = new VerifiedSecretCache(this.encoder, Duration.ofMinutes(1), 100);

	@Test
	void upgradeEncodingAnswersAsTheEncoderEveryTime() {
		List<String> hashes = Arrays.asList(this.encoder.encode("s3cret"), encoder(4).encode("s3cret"),
				"{noop}s3cret", PasswordEncoderFactories.createDelegatingPasswordEncoder().encode("s3cret"),
				"", null);
		for (int round = 0; round < 2; round++) {
			for (String hash : hashes) {
				assertThat(this.cache.upgradeEncoding(hash)).as("[%s] round %d", hash, round)
					.isEqualTo(this.encoder.upgradeEncoding(hash));
			}
		}
		assertThat(this.cache.upgradeEncoding(encoder(4).encode("x"))).isTrue();
		assertThat(this.cache.upgradeEncoding(this.encoder.encode("x"))).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> this.encoder.upgradeEncoding("{bcrypt}not-a-hash"));
		assertThatIllegalArgumentException().isThrownBy(() -> this.cache.upgradeEncoding("{bcrypt}not-a-hash"));
	}

	@Test
	void matchesOnlyTheRightSecretAndNeverFromAnotherHash() {
		String hash = this.encoder.encode("s3cret");
		assertThat(this.cache.matches("s3cret", hash)).isTrue();
		assertThat(this.cache.matches("s3cret", hash)).isTrue();
		assertThat(this.cache.recentlyVerified("s3cret", hash)).isTrue();
		assertThat(this.cache.matches("wrong", hash)).isFalse();
		assertThat(this.cache.matches("wrong", hash)).isFalse();
		String changed = this.encoder.encode("other");
		assertThat(this.cache.recentlyVerified("s3cret", changed)).isFalse();
		assertThat(this.cache.matches("s3cret", changed)).isFalse();
		assertThat(this.cache.matches(null, hash)).isFalse();
	}

	private static DelegatingPasswordEncoder encoder(int strength) {
		return new DelegatingPasswordEncoder("bcrypt", Map.of("bcrypt", new BCryptPasswordEncoder(strength)));
	}
}
