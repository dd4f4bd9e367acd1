package dev.refreshserver.store;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.ServerHttp;
import dev.refreshserver.support.ServerTest;

import static dev.refreshserver.support.ServerHttp.form;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A token that fails its MAC is invalid_grant and touches nothing: forged tokens naming a real
 * family, even an older generation of it (which, if authentic, would be reuse), neither refresh
 * nor revoke it. The same token made with the real key does revoke: the MAC is what decides.
 */
class ForgedRefreshTokenTest extends ServerTest {

	@Test
	void aTokenWithAnySingleByteChangedIsRefusedAndTheFamilyLives() {
		String older = this.http.mintRefreshToken("demo-client", "read");
		String live = this.http.refresh(older).field("refresh_token");
		List<String> forged = new ArrayList<>();
		for (String token : List.of(older, live)) {
			byte[] original = RefreshTokenBytes.decode(token);
			for (int i = 0; i < original.length; i++) {
				byte[] changed = original.clone();
				changed[i] ^= (byte) (1 << (i % 8));
				forged.add(RefreshTokenBytes.encode(changed));
			}
		}

		assertRefusedWithoutEffect(forged, live);
	}

	@Test
	void aWellFormedTokenWithAWrongMacIsRefusedAndTheFamilyLives() {
		String older = this.http.mintRefreshToken("demo-client", "read");
		String live = this.http.refresh(older).field("refresh_token");
		byte[] wrongMac = RefreshTokenBytes.decode(older);
		System.arraycopy(RefreshTokenBytes.random(32), 0, wrongMac, 58, 32);

		assertRefusedWithoutEffect(List.of(RefreshTokenBytes.encode(wrongMac)), live);
	}

	@Test
	void aTokenMadeUnderAnotherKeyIsRefusedAndTheFamilyLives() {
		String older = this.http.mintRefreshToken("demo-client", "read");
		String live = this.http.refresh(older).field("refresh_token");
		byte[] otherKey = RefreshTokenBytes.random(32);
		int keyId = RefreshTokenBytes.keyId(live);

		assertRefusedWithoutEffect(List.of(RefreshTokenBytes.make(live, 0, keyId, otherKey),
				RefreshTokenBytes.make(live, 1, keyId, otherKey), RefreshTokenBytes.make(live, 0, 200, otherKey)),
				live);
	}

	@Test
	void aTokenNamingAnExistingFamilyWithARandomMacIsRefusedAndTheFamilyLives() {
		String older = this.http.mintRefreshToken("demo-client", "read");
		String live = this.http.refresh(older).field("refresh_token");
		int keyId = RefreshTokenBytes.keyId(live);

		assertRefusedWithoutEffect(
				List.of(RefreshTokenBytes.make(live, 0, keyId, null), RefreshTokenBytes.make(live, 1, keyId, null)),
				live);
	}

	@Test
	void theSameOlderTokenMadeWithTheServerKeyIsReuseAndRevokesTheFamily() throws Exception {
		String older = this.http.mintRefreshToken("demo-client", "read");
		String live = this.http.refresh(older).field("refresh_token");
		byte[] serverKey = RefreshTokenBytes.currentKey(STATE.resolve("keys"));

		HttpResponseView reuse = this.http.refresh(RefreshTokenBytes.make(live, 0, RefreshTokenBytes.keyId(live),
				serverKey));

		assertThat(reuse.error()).isEqualTo("invalid_grant");
		assertThat(this.http.refresh(live).error()).isEqualTo("invalid_grant");
	}

	@Test
	void aTokenOfTheLiveGenerationWithOtherRandomBitsIsRefusedWithoutRevoking() throws Exception {
		String live = this.http.mintRefreshToken("demo-client", "read");
		byte[] serverKey = RefreshTokenBytes.currentKey(STATE.resolve("keys"));

		assertRefusedWithoutEffect(List.of(RefreshTokenBytes.make(live, 0, RefreshTokenBytes.keyId(live), serverKey),
				RefreshTokenBytes.make(live, 5, RefreshTokenBytes.keyId(live), serverKey)), live);
	}

	/**
	 * Each forged token gets the same invalid_grant as garbage, at the token, revocation and
	 * introspection endpoints, and afterwards the family's live token still refreshes.
	 */
	private void assertRefusedWithoutEffect(List<String> forged, String live) {
		String garbage = this.http.refresh("never-issued").body();
		for (String token : forged) {
			HttpResponseView refresh = this.http.refresh(token);
			assertThat(refresh.status()).as(token).isEqualTo(400);
			assertThat(refresh.body()).isEqualTo(garbage);
			assertThat(this.http.postForm("/oauth2/revoke", form("token", token), "Authorization",
					ServerHttp.basic("demo-client", "demo-secret")).status()).isEqualTo(200);
			assertThat(this.http.introspect(token).field("active")).isEqualTo("false");
		}
		assertThat(this.http.introspect(live).field("active")).isEqualTo("true");
		HttpResponseView refreshed = this.http.refresh(live);
		assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
	}
}
