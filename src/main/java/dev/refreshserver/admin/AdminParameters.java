package dev.refreshserver.admin;

import jakarta.servlet.http.HttpServletRequest;

import dev.refreshserver.protocol.OAuth2Errors;

/** Reads the form parameters of an admin call: each at most once, required ones present. */
final class AdminParameters {

	private final HttpServletRequest request;

	AdminParameters(HttpServletRequest request) {
		this.request = request;
	}

	String required(String name) {
		String value = optional(name);
		if (value == null || value.isBlank()) {
			throw OAuth2Errors.invalidRequest("Parameter '" + name + "' is required");
		}
		return value;
	}

	String optional(String name) {
		String[] values = this.request.getParameterValues(name);
		if (values != null && values.length > 1) {
			throw OAuth2Errors.invalidRequest("Parameter '" + name + "' is repeated");
		}
		return (values != null) ? values[0] : null;
	}
}
