package dev.refreshserver.refresh;

import java.time.Duration;
import java.time.Instant;

import org.springframework.util.Assert;

import dev.refreshserver.profile.ResponseShape;

/**
 * The refresh rules for one client, resolved once from its profile and its own overrides.
 *
 * @param rotation whether a refresh returns a new refresh token or the same one
 * @param grace how long the immediately preceding token may be retried for the same successor
 * @param accessTtl lifetime of an access token
 * @param idleTtl lifetime of a refresh token since its last use (slides on every use)
 * @param absoluteTtl lifetime of a whole family since the original grant; zero means none
 * @param response the shape of the token response
 * @param refreshIdToken whether a refresh of an OpenID Connect grant returns a new ID token
 * @param offlineAccess whether a grant needs {@code offline_access} to get a refresh token
 */
public record RefreshPolicy(Rotation rotation, Duration grace, Duration accessTtl, Duration idleTtl,
		Duration absoluteTtl, ResponseShape response, boolean refreshIdToken, OfflineAccess offlineAccess) {

	/** RFC 9700 §4.14.2 style grace is for lost responses, not a second life for the token. */
	public static final Duration MAX_GRACE = Duration.ofMinutes(1);

	public RefreshPolicy {
		Assert.notNull(rotation, "rotation is required");
		Assert.notNull(grace, "grace is required");
		Assert.isTrue(!grace.isNegative() && grace.compareTo(MAX_GRACE) <= 0, "grace must be between 0 and 1 minute");
		Assert.isTrue(accessTtl != null && !accessTtl.isZero() && !accessTtl.isNegative(), "access-ttl must be positive");
		Assert.isTrue(idleTtl != null && !idleTtl.isZero() && !idleTtl.isNegative(), "idle-ttl must be positive");
		Assert.isTrue(absoluteTtl != null && !absoluteTtl.isNegative(), "absolute-ttl must not be negative");
		Assert.notNull(response, "response is required");
		Assert.notNull(offlineAccess, "offline-access is required");
	}

	public static RefreshPolicy from(PolicySettings settings, ResponseShape response) {
		return new RefreshPolicy(settings.rotation(), settings.grace(), settings.accessTtl(), settings.idleTtl(),
				settings.absoluteTtl(), response, settings.refreshIdToken(), settings.offlineAccess());
	}

	public RefreshPolicy withRotation(Rotation rotation) {
		return new RefreshPolicy(rotation, this.grace, this.accessTtl, this.idleTtl, this.absoluteTtl, this.response,
				this.refreshIdToken, this.offlineAccess);
	}

	public RefreshPolicy withResponse(ResponseShape response) {
		return new RefreshPolicy(this.rotation, this.grace, this.accessTtl, this.idleTtl, this.absoluteTtl, response,
				this.refreshIdToken, this.offlineAccess);
	}

	/** When a family started at {@code familyStart} stops being refreshable, or null when never. */
	public Instant familyExpiry(Instant familyStart) {
		return this.absoluteTtl.isZero() ? null : familyStart.plus(this.absoluteTtl);
	}

	/** Expiry of a refresh token used at {@code now}: {@code min(now + idle, family expiry)}. */
	public Instant refreshTokenExpiry(Instant now, Instant familyExpiry) {
		Instant idle = now.plus(this.idleTtl);
		return (familyExpiry != null && familyExpiry.isBefore(idle)) ? familyExpiry : idle;
	}
}
