package bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** JDK HttpClient, HTTP/1.1 with keep-alive (the client pools connections), plus tiny helpers. */
final class Http {

	private static final Pattern STRING_FIELD = Pattern.compile("\"([a-zA-Z_]+)\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

	final HttpClient client;

	final Duration timeout;

	Http(int timeoutSeconds) {
		this.timeout = Duration.ofSeconds(timeoutSeconds);
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

	HttpResponse<String> postForm(String url, String authorization, String body) throws IOException, InterruptedException {
		return postForm(url, authorization, body, this.timeout);
	}

	HttpResponse<String> postForm(String url, String authorization, String body, Duration timeout)
			throws IOException, InterruptedException {
		HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
			.timeout(timeout)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Accept", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (authorization != null) {
			b.header("Authorization", authorization);
		}
		return this.client.send(b.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return this.client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	static String basic(String id, String secret) {
		// RFC 6749 §2.3.1: form-urlencode id and secret, then Base64
		String raw = form(id) + ":" + form(secret);
		return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
	}

	static String form(String s) {
		return URLEncoder.encode(s, StandardCharsets.UTF_8);
	}

	/** Value of a top-level string field of a (possibly pretty-printed) JSON object; null if absent. */
	static String jsonString(String json, String field) {
		if (json == null) {
			return null;
		}
		int at = json.indexOf("\"" + field + "\"");
		if (at < 0) {
			return null;
		}
		Matcher m = STRING_FIELD.matcher(json);
		if (m.find(at) && m.group(1).equals(field)) {
			String v = m.group(2);
			return v.indexOf('\\') < 0 ? v : v.replace("\\/", "/").replace("\\\"", "\"").replace("\\\\", "\\");
		}
		return null;
	}

	/** Value of a top-level number field; -1 if absent. */
	static long jsonLong(String json, String field) {
		Matcher m = Pattern.compile("\"" + Pattern.quote(field) + "\"\\s*:\\s*(\\d+)").matcher(json == null ? "" : json);
		return m.find() ? Long.parseLong(m.group(1)) : -1;
	}
}
