package dev.refreshserver.protocol;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;

/** RFC 6749 §5.1: responses carrying tokens or errors about them must not be cached. */
public final class NoStore {

	private NoStore() {
	}

	public static void apply(HttpServletResponse response) {
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		response.setHeader(HttpHeaders.PRAGMA, "no-cache");
	}
}
