package dev.refreshserver.token;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AccessTokenAuthenticationToken;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

import dev.refreshserver.profile.ResponseShape;
import dev.refreshserver.protocol.NoStore;
import dev.refreshserver.refresh.RefreshPolicies;

/**
 * Writes the RFC 6749 §5.1 token response for every grant, the admin mint included, in the
 * {@link ResponseShape} of the client's profile, with the {@code id_token} of an OpenID Connect
 * grant (OpenID Connect Core §3.1.3.3).
 */
@Component
public class TokenResponseWriter implements AuthenticationSuccessHandler {

	private static final DateTimeFormatter CREATED_AT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss")
		.withZone(ZoneOffset.UTC);

	/**
	 * Names, as an additional parameter of a grant result and then as a request attribute for
	 * observers at the HTTP edge, the scripted fault of the response's ID token (the scenario action).
	 */
	public static final String ID_TOKEN_FAULT = TokenResponseWriter.class.getName() + ".id_token_fault";

	private final JsonMapper json;

	private final RefreshPolicies policies;

	public TokenResponseWriter(JsonMapper json, RefreshPolicies policies) {
		this.json = json;
		this.policies = policies;
	}

	@Override
	public void onAuthenticationSuccess(HttpServletRequest request, HttpServletResponse response,
			Authentication authentication) throws IOException {
		OAuth2AccessTokenAuthenticationToken tokens = (OAuth2AccessTokenAuthenticationToken) authentication;
		ResponseShape shape = (tokens.getAdditionalParameters().get(ResponseShape.PARAMETER) instanceof ResponseShape s)
				? s : this.policies.forClient(tokens.getRegisteredClient().getClientId()).response();
		if (tokens.getAdditionalParameters().get(ID_TOKEN_FAULT) instanceof String fault) {
			request.setAttribute(ID_TOKEN_FAULT, fault);
		}
		write(response, shape, tokens.getAccessToken(), tokens.getRefreshToken(),
				(String) tokens.getAdditionalParameters().get(OidcParameterNames.ID_TOKEN));
	}

	/** @param idToken the ID token of an OpenID Connect grant, or null */
	public void write(HttpServletResponse response, RegisteredClient client, OAuth2AccessToken accessToken,
			OAuth2RefreshToken refreshToken, String idToken) throws IOException {
		write(response, this.policies.forClient(client.getClientId()).response(), accessToken, refreshToken, idToken);
	}

	private void write(HttpServletResponse response, ResponseShape shape, OAuth2AccessToken accessToken,
			OAuth2RefreshToken refreshToken, String idToken) throws IOException {
		Instant issuedAt = accessToken.getIssuedAt();
		long expiresIn = ChronoUnit.SECONDS.between(issuedAt, accessToken.getExpiresAt());
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", accessToken.getTokenValue());
		body.put("token_type", shape.tokenType());
		body.put("expires_in", shape.expiresInAsString() ? Long.toString(expiresIn) : expiresIn);
		if (refreshToken != null) {
			body.put("refresh_token", refreshToken.getTokenValue());
			if (shape.refreshTokenExpiresIn() && refreshToken.getExpiresAt() != null) {
				body.put("refresh_token_expires_in",
						ChronoUnit.SECONDS.between(refreshToken.getIssuedAt(), refreshToken.getExpiresAt()));
			}
		}
		if (idToken != null) {
			body.put(OidcParameterNames.ID_TOKEN, idToken);
		}
		if (shape.includeScope()) {
			body.put("scope", String.join(" ", accessToken.getScopes()));
		}
		if (shape.claims() != null) {
			body.put("claims", shape.claims());
		}
		if (shape.createdAt()) {
			body.put("created_at", CREATED_AT.format(issuedAt));
		}
		response.setStatus(HttpServletResponse.SC_OK);
		NoStore.apply(response);
		response.setContentType(MediaType.APPLICATION_JSON_VALUE);
		response.getOutputStream().write(this.json.writeValueAsBytes(body));
	}
}
