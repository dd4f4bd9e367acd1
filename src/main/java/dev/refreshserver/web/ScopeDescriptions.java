package dev.refreshserver.web;

import java.util.Map;

/** What a scope lets an application do, in words a user reads on the consent page. */
public final class ScopeDescriptions {

	private static final Map<String, String> KNOWN = Map.of(
			"openid", "Confirm who you are (OpenID Connect sign-in).",
			"profile", "See your basic profile: name and username.",
			"email", "See your email address.",
			"read", "Read your data.",
			"write", "Change your data.",
			"offline_access", "Keep access while you are away (a refresh token).");

	private ScopeDescriptions() {
	}

	public static String describe(String scope) {
		return KNOWN.getOrDefault(scope, "Access named \u201c" + scope + "\u201d, as the application defines it.");
	}
}
