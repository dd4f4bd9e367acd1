package dev.refreshserver.refresh;

import dev.refreshserver.store.RefreshState;
import dev.refreshserver.store.StoredFamily;
import dev.refreshserver.store.TokenFamily;

/**
 * A refresh token that we issued, with its family as stored and where it stands in that family.
 *
 * @param hash SHA-256 of the presented token
 */
public record PresentedToken(StoredFamily stored, Standing standing, String hash) {

	public TokenFamily family() {
		return this.stored.family();
	}

	public RefreshState tokens() {
		return this.stored.tokens();
	}

	/** Where a token we issued stands in its family. */
	public enum Standing {

		/** The family's live token. */
		LIVE,

		/** The token the live one replaced, while its grace window may still run. */
		PREDECESSOR,

		/** Any older token: presenting it is reuse. */
		SUPERSEDED
	}
}
