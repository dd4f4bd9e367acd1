package dev.refreshserver.admin;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards {@code /admin/**}: absent (404) unless {@code refresh.admin.token} is set, and then
 * only for requests bearing that token.
 */
public class AdminAccessFilter extends OncePerRequestFilter {

	private final byte[] expected;

	/** @param token the admin token, or null when the control plane is off */
	public AdminAccessFilter(String token) {
		this.expected = (token != null) ? ("Bearer " + token).getBytes(StandardCharsets.UTF_8) : null;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (this.expected == null) {
			response.sendError(HttpServletResponse.SC_NOT_FOUND);
			return;
		}
		String presented = request.getHeader(HttpHeaders.AUTHORIZATION);
		if (presented == null
				|| !MessageDigest.isEqual(this.expected, presented.getBytes(StandardCharsets.UTF_8))) {
			response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"refresh-server-admin\"");
			response.sendError(HttpServletResponse.SC_UNAUTHORIZED);
			return;
		}
		chain.doFilter(request, response);
	}
}
