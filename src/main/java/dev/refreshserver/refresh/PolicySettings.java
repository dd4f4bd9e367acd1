package dev.refreshserver.refresh;

import java.time.Duration;

/**
 * The refresh rules as they appear in configuration: a profile fills them all, a client may
 * override any of them. A {@code null} field means "inherit".
 */
public record PolicySettings(Rotation rotation, Duration grace, Duration accessTtl, Duration idleTtl,
		Duration absoluteTtl) {

	/** This layer over {@code base}: each field set here wins. */
	public PolicySettings over(PolicySettings base) {
		if (base == null) {
			return this;
		}
		return new PolicySettings(pick(this.rotation, base.rotation), pick(this.grace, base.grace),
				pick(this.accessTtl, base.accessTtl), pick(this.idleTtl, base.idleTtl),
				pick(this.absoluteTtl, base.absoluteTtl));
	}

	private static <T> T pick(T mine, T inherited) {
		return (mine != null) ? mine : inherited;
	}
}
