package dev.refreshserver.refresh;

import java.util.Optional;

import org.springframework.stereotype.Component;

import dev.refreshserver.refresh.PresentedToken.Standing;
import dev.refreshserver.store.RefreshState;
import dev.refreshserver.store.RefreshTokenStore;
import dev.refreshserver.store.StoredFamily;

/**
 * Finds the family of a presented refresh token and where the token stands in it: one read of
 * the family row by the id the token names. A token is ours only if its MAC verifies; one that
 * does not, or that names a generation its family never reached, or the live generation with
 * other random bits, is empty here, exactly like garbage: it can neither refresh nor revoke.
 */
@Component
public class PresentedTokens {

	private final RefreshTokenFormat format;

	private final RefreshTokenStore store;

	public PresentedTokens(RefreshTokenFormat format, RefreshTokenStore store) {
		this.format = format;
		this.store = store;
	}

	public Optional<PresentedToken> find(String token) {
		if (RefreshTokenFormat.isLegacy(token)) {
			return findLegacy(token);
		}
		return this.format.read(token).flatMap((named) -> {
			String hash = RefreshTokens.hash(token);
			return this.store.find(named.familyId())
				.flatMap((stored) -> standing(named.generation(), hash, stored.tokens())
					.map((standing) -> new PresentedToken(stored, standing, hash)));
		});
	}

	private static Optional<Standing> standing(long generation, String hash, RefreshState tokens) {
		if (!tokens.hasToken() || generation > tokens.generation()) {
			return Optional.empty();
		}
		if (generation == tokens.generation()) {
			// only the holder of the MAC key could make another token of the live generation
			return hash.equals(tokens.tokenHash()) ? Optional.of(Standing.LIVE) : Optional.empty();
		}
		return Optional.of(hash.equals(tokens.predecessorHash()) ? Standing.PREDECESSOR : Standing.SUPERSEDED);
	}

	/**
	 * Legacy (tokens issued before they named their family; remove once none can be alive): the
	 * token's own row, kept from the upgrade, names the family and proves that we issued it, as
	 * the MAC does for the current format. It is the live token if the family row holds its hash.
	 */
	private Optional<PresentedToken> findLegacy(String token) {
		String hash = RefreshTokens.hash(token);
		return this.store.findLegacyFamilyId(hash).flatMap(this.store::find).map((stored) -> {
			Standing standing = hash.equals(stored.tokens().tokenHash()) ? Standing.LIVE
					: hash.equals(stored.tokens().predecessorHash()) ? Standing.PREDECESSOR : Standing.SUPERSEDED;
			return new PresentedToken(stored, standing, hash);
		});
	}

	/** The family of a token we issued, whatever its standing (for revocation and scenarios). */
	public Optional<StoredFamily> familyOf(String token) {
		return find(token).map(PresentedToken::stored);
	}
}
