package dev.refreshserver.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.refreshserver.config.RefreshProperties;

/**
 * How the playground authenticates as a configured client: {@code client_id} alone for a public
 * client, HTTP Basic (RFC 6749 §2.3.1 encoding) when the client may use it, else the secret in
 * the body. A client whose secret is configured only as a hash cannot be acted for.
 */
record ClientCredentials(Map<String, String> form, Map<String, String> headers, Map<String, String> shownHeaders) {

	static boolean usable(RefreshProperties.Client client) {
		return client.secret() == null || !client.secret().startsWith("{");
	}

	static boolean confidential(RefreshProperties.Client client) {
		return client.secret() != null;
	}

	static ClientCredentials of(RefreshProperties.Client client) {
		Map<String, String> form = new LinkedHashMap<>();
		if (client.secret() == null) {
			form.put("client_id", client.clientId());
			return new ClientCredentials(form, Map.of(), Map.of());
		}
		if (client.authMethods().contains("client_secret_basic")) {
			String pair = encode(client.clientId()) + ":" + encode(client.secret());
			return new ClientCredentials(form,
					Map.of("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))),
					Map.of("Authorization", "Basic base64(" + client.clientId() + ":" + Loopback.MASK + ")"));
		}
		form.put("client_id", client.clientId());
		form.put("client_secret", client.secret());
		return new ClientCredentials(form, Map.of(), Map.of());
	}

	/** This client's authentication plus {@code parameters}. */
	Map<String, String> with(Map<String, String> parameters) {
		Map<String, String> all = new LinkedHashMap<>(parameters);
		all.putAll(this.form);
		return all;
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
