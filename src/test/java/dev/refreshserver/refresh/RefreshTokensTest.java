package dev.refreshserver.refresh;

import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.refreshserver.support.ServerTest;

import static org.assertj.core.api.Assertions.assertThat;

/** A refresh token carries 256 bits from a CSPRNG: unguessable, never repeated. */
class RefreshTokensTest extends ServerTest {

	private static final int MINTS = 200_000;

	@Test
	void everyTokenCarries256RandomBitsAndNoneRepeats() {
		Set<String> seen = new HashSet<>();
		int[] ones = new int[256];
		for (int i = 0; i < MINTS; i++) {
			String token = RefreshTokens.generate();
			byte[] bits = Base64.getUrlDecoder().decode(token);
			assertThat(bits).hasSize(32);
			assertThat(token).matches("[A-Za-z0-9_-]{43}");
			assertThat(seen.add(token)).as("token %d repeats", i).isTrue();
			for (int bit = 0; bit < 256; bit++) {
				ones[bit] += (bits[bit / 8] >> (bit % 8)) & 1;
			}
		}
		// every bit position is a fair coin: no fixed or biased bits (6 standard deviations of slack)
		double slack = 6 * Math.sqrt(MINTS / 4.0);
		for (int bit = 0; bit < 256; bit++) {
			assertThat((double) ones[bit]).as("ones at bit %d", bit)
				.isBetween(MINTS / 2.0 - slack, MINTS / 2.0 + slack);
		}
	}

	@Test
	void tokensIssuedOverHttpCarryDistinct256BitRandomParts() {
		Set<String> randomParts = new HashSet<>();
		String token = this.http.mintRefreshToken("demo-client", "read");
		randomParts.add(randomPart(token));
		for (int i = 0; i < 50; i++) {
			token = this.http.refresh(token).field("refresh_token");
			assertThat(token).matches("[A-Za-z0-9_-]{" + RefreshTokenFormat.TOKEN_LENGTH + "}");
			assertThat(randomParts.add(randomPart(token))).isTrue();
			randomParts.add(randomPart(this.http.mintRefreshToken("demo-client", "read")));
		}
		assertThat(randomParts).hasSize(101);
	}

	/** The 32 random bytes of a token (docs/storage.md, "Refresh token format"). */
	private static String randomPart(String token) {
		byte[] bytes = Base64.getUrlDecoder().decode(token);
		assertThat(bytes).hasSize(90);
		return Base64.getEncoder().encodeToString(Arrays.copyOfRange(bytes, 26, 58));
	}
}
