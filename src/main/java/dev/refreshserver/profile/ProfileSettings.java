package dev.refreshserver.profile;

import java.time.Duration;

import dev.refreshserver.refresh.OfflineAccess;
import dev.refreshserver.refresh.PolicySettings;
import dev.refreshserver.refresh.Rotation;

/**
 * A provider profile as configuration: the refresh rules, the request shapes the token
 * endpoint accepts, and the shape of its token response. Profiles are data in
 * {@code config/application.yml}; nothing in the code branches on a profile's name.
 */
public record ProfileSettings(Rotation rotation, Duration grace, Duration accessTtl, Duration idleTtl,
		Duration absoluteTtl, Boolean refreshIdToken, OfflineAccess offlineAccess, RequestRules request,
		ResponseShape response) {

	/** A profile that says nothing of OpenID Connect behaves as the standard: see the standard profile. */
	public ProfileSettings {
		refreshIdToken = (refreshIdToken != null) ? refreshIdToken : Boolean.TRUE;
		offlineAccess = (offlineAccess != null) ? offlineAccess : OfflineAccess.IGNORED;
		request = (request != null) ? request : RequestRules.STRICT;
		response = (response != null) ? response : ResponseShape.RFC6749;
	}

	public PolicySettings policy() {
		return new PolicySettings(this.rotation, this.grace, this.accessTtl, this.idleTtl, this.absoluteTtl,
				this.refreshIdToken, this.offlineAccess);
	}
}
