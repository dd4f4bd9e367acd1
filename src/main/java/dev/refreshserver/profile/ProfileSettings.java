package dev.refreshserver.profile;

import java.time.Duration;

import dev.refreshserver.refresh.PolicySettings;
import dev.refreshserver.refresh.Rotation;

/**
 * A provider profile as configuration: the refresh rules, the request shapes the token
 * endpoint accepts, and the shape of its token response. Profiles are data in
 * {@code config/application.yml}; nothing in the code branches on a profile's name.
 */
public record ProfileSettings(Rotation rotation, Duration grace, Duration accessTtl, Duration idleTtl,
		Duration absoluteTtl, RequestRules request, ResponseShape response) {

	public ProfileSettings {
		request = (request != null) ? request : RequestRules.STRICT;
		response = (response != null) ? response : ResponseShape.RFC6749;
	}

	public PolicySettings policy() {
		return new PolicySettings(this.rotation, this.grace, this.accessTtl, this.idleTtl, this.absoluteTtl);
	}
}
