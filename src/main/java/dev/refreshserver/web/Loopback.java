package dev.refreshserver.web;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import dev.refreshserver.config.RefreshProperties;
import dev.refreshserver.keys.TlsCertificate;

/**
 * The playground's HTTP client: it calls this very server over loopback, as any OAuth client
 * would, and keeps each request and response as text for the page. Headers that carry a secret
 * and a {@code client_secret} in the body are recorded masked; tokens are recorded as sent (they
 * are what the playground is about, and they are the dev user's own).
 */
@Component
public class Loopback {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** How a secret appears on the page. */
	static final String MASK = "\u2022\u2022\u2022\u2022\u2022\u2022";

	private static final String SECRET_FIELD = "client_secret";

	private final JsonMapper json;

	private final Path certificate;

	private final String scheme;

	private final String host;

	private HttpClient http;

	public Loopback(JsonMapper json, RefreshProperties properties) {
		this.json = json;
		boolean tls = properties.tls().enabled();
		this.certificate = tls ? properties.keysDir().resolve(TlsCertificate.CERTIFICATE_FILE) : null;
		this.scheme = tls ? "https" : "http";
		// the dev certificate is issued for localhost
		this.host = tls ? "localhost" : "127.0.0.1";
	}

	/** Built on first use: under TLS the server's certificate exists only once it has started. */
	private synchronized HttpClient http() {
		if (this.http == null) {
			HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT)
				.followRedirects(HttpClient.Redirect.NEVER);
			if (this.certificate != null) {
				builder.sslContext(TlsCertificate.trusting(this.certificate));
			}
			this.http = builder.build();
		}
		return this.http;
	}

	/** One request and its response, as the page shows them. */
	public record Exchange(String title, String request, int status, String response, Map<String, String> fields)
			implements Serializable {

		public boolean ok() {
			return this.status == 200;
		}

		public String field(String name) {
			return this.fields.get(name);
		}
	}

	/**
	 * POSTs {@code form} to {@code path} on this server (at {@code port}).
	 *
	 * @param headers headers to send
	 * @param shownHeaders the same headers as the page may show them (secrets masked)
	 */
	public Exchange post(String title, int port, String path, Map<String, String> form, Map<String, String> headers,
			Map<String, String> shownHeaders) {
		String body = form.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.scheme + "://" + this.host + ":" + port + path))
			.timeout(TIMEOUT)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		headers.forEach(request::header);
		StringBuilder shown = new StringBuilder("POST " + path + " HTTP/1.1\nHost: " + this.host + ":" + port
				+ "\nContent-Type: application/x-www-form-urlencoded\n");
		shownHeaders.forEach((name, value) -> shown.append(name).append(": ").append(value).append('\n'));
		shown.append('\n').append(form.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "="
					+ (SECRET_FIELD.equals(entry.getKey()) ? MASK : encode(entry.getValue())))
			.collect(Collectors.joining("&")));
		try {
			HttpResponse<String> response = http().send(request.build(), HttpResponse.BodyHandlers.ofString());
			return new Exchange(title, shown.toString(), response.statusCode(), describe(response), fields(response.body()));
		}
		catch (IOException ex) {
			return new Exchange(title, shown.toString(), 0, "No response: " + ex.getClass().getSimpleName(), Map.of());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Exchange(title, shown.toString(), 0, "Interrupted", Map.of());
		}
	}

	private String describe(HttpResponse<String> response) {
		StringBuilder text = new StringBuilder("HTTP/1.1 " + response.statusCode() + "\n");
		for (String name : new String[] { "content-type", "cache-control", "www-authenticate", "retry-after" }) {
			response.headers().firstValue(name).ifPresent((value) -> text.append(name).append(": ").append(value).append('\n'));
		}
		text.append('\n').append(pretty(response.body()));
		return text.toString();
	}

	/** The body's top-level JSON fields as text, or none when the body is not a JSON object. */
	private Map<String, String> fields(String body) {
		Map<String, String> fields = new LinkedHashMap<>();
		try {
			JsonNode node = this.json.readTree(body);
			if (node != null && node.isObject()) {
				node.properties().forEach((entry) -> fields.put(entry.getKey(),
						entry.getValue().isValueNode() ? entry.getValue().asString() : entry.getValue().toString()));
			}
		}
		catch (RuntimeException ex) {
			// not JSON: the page shows the body as it came
		}
		return fields;
	}

	String pretty(String body) {
		try {
			return this.json.writerWithDefaultPrettyPrinter().writeValueAsString(this.json.readTree(body));
		}
		catch (RuntimeException ex) {
			return body;
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
