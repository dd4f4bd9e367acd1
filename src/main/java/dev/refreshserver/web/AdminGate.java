package dev.refreshserver.web;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseCookie;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;
import org.springframework.web.server.ResponseStatusException;

import dev.refreshserver.config.RefreshProperties;

/**
 * The gate in front of the dev pages ({@code /playground}, {@code /conformance}). Without
 * {@code --refresh.admin.token} those pages do not exist (404, like any unknown path). With it, a
 * browser proves once that its user knows the admin token (the form of {@link AdminGateController})
 * and gets a cookie: HttpOnly, SameSite=Strict, Secure under TLS. The cookie holds an HMAC of the
 * token, never the token, and is compared in constant time.
 *
 * <p>A gated page's controller starts with
 * {@code if (!gate.admitted(request)) return gate.ask("/conformance", response, model);}.
 */
@Component
public class AdminGate {

	static final String COOKIE = "refresh_dev";

	private static final Duration COOKIE_LIFETIME = Duration.ofHours(12);

	private final String token;

	private final byte[] expectedCookie;

	private final boolean tls;

	public AdminGate(RefreshProperties properties) {
		this.token = properties.admin().enabled() ? properties.admin().token() : null;
		this.expectedCookie = (this.token != null) ? cookieValue(this.token).getBytes(StandardCharsets.US_ASCII) : null;
		this.tls = properties.tls().enabled();
	}

	public boolean devMode() {
		return this.token != null;
	}

	/** Whether this browser has shown the admin token (always false outside dev mode). */
	public boolean admitted(HttpServletRequest request) {
		if (this.expectedCookie == null || request.getCookies() == null) {
			return false;
		}
		for (Cookie cookie : request.getCookies()) {
			if (COOKIE.equals(cookie.getName()) && MessageDigest.isEqual(this.expectedCookie,
					cookie.getValue().getBytes(StandardCharsets.US_ASCII))) {
				return true;
			}
		}
		return false;
	}

	/** 404 outside dev mode, as for any path that does not exist. */
	public void requireDevMode() {
		if (!devMode()) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
	}

	/**
	 * The view that asks for the admin token and then returns to {@code page} (401); 404 outside
	 * dev mode.
	 */
	public String ask(String page, HttpServletResponse response, Model model) {
		requireDevMode();
		response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
		model.addAttribute("next", AdminGateController.safeNext(page));
		return "admin-token";
	}

	/** Whether {@code presented} is the admin token, in constant time. */
	boolean isAdminToken(String presented) {
		return this.token != null && presented != null && MessageDigest.isEqual(
				this.token.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
	}

	void admit(HttpServletRequest request, HttpServletResponse response) {
		ResponseCookie cookie = ResponseCookie.from(COOKIE, cookieValue(this.token))
			.httpOnly(true)
			.secure(this.tls || request.isSecure())
			.sameSite("Strict")
			.path("/")
			.maxAge(COOKIE_LIFETIME)
			.build();
		response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
	}

	/** The admin token itself, for the playground's calls to {@code /admin} over loopback. */
	String token() {
		return this.token;
	}

	private static String cookieValue(String token) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			byte[] value = mac.doFinal("refresh-server dev pages".getBytes(StandardCharsets.US_ASCII));
			return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}
}
