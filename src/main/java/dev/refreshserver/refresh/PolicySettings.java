package dev.refreshserver.refresh;

import java.time.Duration;

/**
 * The refresh rules as they appear in configuration: a profile fills them all, a client may
 * override any of them. A {@code null} field means "inherit". {@code refresh-id-token: false}
 * leaves the ID token out of refresh responses (OpenID Connect Core §12.2 allows it, and some
 * providers do); {@code offline-access} says whether a refresh token needs that scope.
 */
public record PolicySettings(Rotation rotation, Duration grace, Duration accessTtl, Duration idleTtl,
		Duration absoluteTtl, Boolean refreshIdToken, OfflineAccess offlineAccess) {

	/** This layer over {@code base}: each field set here wins. */
	public PolicySettings over(PolicySettings base) {
		if (base == null) {
			return this;
		}
		return new PolicySettings(pick(this.rotation, base.rotation), pick(this.grace, base.grace),
				pick(this.accessTtl, base.accessTtl), pick(this.idleTtl, base.idleTtl),
				pick(this.absoluteTtl, base.absoluteTtl), pick(this.refreshIdToken, base.refreshIdToken),
				pick(this.offlineAccess, base.offlineAccess));
	}

	private static <T> T pick(T mine, T inherited) {
		return (mine != null) ? mine : inherited;
	}
}
