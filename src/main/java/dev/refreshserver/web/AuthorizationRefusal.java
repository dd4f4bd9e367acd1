package dev.refreshserver.web;

import java.util.List;

/**
 * Why an authorization request was refused without sending the browser back to the client: the
 * one check that failed, said as {@code check} {@code value} {@code problem} (e.g.
 * "{@code redirect_uri} {@code http://x/cb} is not registered for demo-public"), what to do about
 * it, and in dev mode what the client has registered.
 *
 * @param check the parameter (or rule) that failed
 * @param value the value the request gave, or null when it gave none or several
 * @param problem what is wrong with it, a sentence fragment after the parameter and value
 * @param advice what the client's developer can change
 * @param registered in dev mode, the redirect URIs or grant types the client has; else empty
 * @param registeredLabel the heading of that list, e.g. "Registered for demo-public"
 */
public record AuthorizationRefusal(String check, String value, String problem, String advice,
		List<String> registered, String registeredLabel) {

	/** The request attribute under which the error page finds the refusal. */
	public static final String ATTRIBUTE = AuthorizationRefusal.class.getName();

	static AuthorizationRefusal of(String check, String value, String problem, String advice) {
		return new AuthorizationRefusal(check, value, problem, advice, List.of(), null);
	}

	AuthorizationRefusal withRegistered(String label, List<String> values) {
		return new AuthorizationRefusal(this.check, this.value, this.problem, this.advice, List.copyOf(values), label);
	}
}
