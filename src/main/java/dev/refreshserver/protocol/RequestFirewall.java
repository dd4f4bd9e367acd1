package dev.refreshserver.protocol;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's strict firewall with its default rules for header names, header values and
 * parameter names, checked by a loop over the characters instead of a regular expression. The
 * firewall checks them on every read, and Spring Authorization Server reads the form and the
 * headers several times per token request: the expressions were ~3 % of a refresh's CPU. The
 * sets are the defaults': assigned Unicode code points that are not control characters, and a
 * header value may also hold a tab.
 */
public final class RequestFirewall {

	private RequestFirewall() {
	}

	public static StrictHttpFirewall strict() {
		StrictHttpFirewall firewall = new StrictHttpFirewall();
		firewall.setAllowedHeaderNames(RequestFirewall::isAssignedAndNotControl);
		firewall.setAllowedHeaderValues(RequestFirewall::isHeaderValue);
		firewall.setAllowedParameterNames(RequestFirewall::isAssignedAndNotControl);
		return firewall;
	}

	/** The default's {@code [\p{IsAssigned}&&[^\p{IsControl}]]*}. */
	static boolean isAssignedAndNotControl(String value) {
		return allowed(value, false);
	}

	/** The default's {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}. */
	static boolean isHeaderValue(String value) {
		return allowed(value, true);
	}

	private static boolean allowed(String value, boolean tab) {
		int i = 0;
		while (i < value.length()) {
			int codePoint = value.codePointAt(i);
			i += Character.charCount(codePoint);
			if (codePoint >= 0x20 && codePoint < 0x7f) {
				continue; // printable ASCII, nearly every character of a request
			}
			int type = Character.getType(codePoint);
			if (type == Character.UNASSIGNED || (type == Character.CONTROL && !(tab && codePoint == '\t'))) {
				return false;
			}
		}
		return true;
	}
}
