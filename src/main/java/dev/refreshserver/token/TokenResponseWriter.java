package dev.refreshserver.token;

import java.io.IOException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

import dev.refreshserver.protocol.NoStore;

/** Writes the RFC 6749 §5.1 token response for every grant, the admin mint included. */
@Component
public class TokenResponseWriter implements AuthenticationSuccessHandler {

	private final JsonMapper json;

	public TokenResponseWriter(JsonMapper json) {
		this.json = json;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		OAuth2AccessTokenAuthenticationToken tokens = (OAuth2AccessTokenAuthenticationToken) authentication;
		write(response, tokens.getAccessToken(), tokens.getRefreshToken(), tokens.getAdditionalParameters());
	}

	public void write(HttpServletResponse response, OAuth2AccessToken accessToken, OAuth2RefreshToken refreshToken,
			Map<String, Object> additionalParameters) throws IOException {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", accessToken.getTokenValue());
		body.put("token_type", accessToken.getTokenType().getValue());
		body.put("expires_in", ChronoUnit.SECONDS.between(accessToken.getIssuedAt(), accessToken.getExpiresAt()));
		if (refreshToken != null) {
			body.put("refresh_token", refreshToken.getTokenValue());
		}
		body.put("scope", String.join(" ", accessToken.getScopes()));
		body.putAll(additionalParameters);
		response.setStatus(HttpServletResponse.SC_OK);
		NoStore.apply(response);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getOutputStream().write(this.json.writeValueAsBytes(body));
	}
}
