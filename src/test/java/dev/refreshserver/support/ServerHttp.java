package dev.refreshserver.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

/** Speaks HTTP to a running server the way an OAuth client would. */
public class ServerHttp {

	public static final String ADMIN_TOKEN = "test-admin-token";

	private final String base;

	private final HttpClient client;

	private final SSLContext tls;

	public ServerHttp(int port) {
		this("http://localhost:" + port, null);
	}

	/** @param tls trust for an HTTPS server, or null for plain HTTP */
	public ServerHttp(String base, SSLContext tls) {
		this(base, tls, client(tls));
	}

	private ServerHttp(String base, SSLContext tls, HttpClient client) {
		this.base = base;
		this.tls = tls;
		this.client = client;
	}

	private static HttpClient client(SSLContext tls) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.followRedirects(HttpClient.Redirect.NEVER)
			.cookieHandler(new CookieManager());
		if (tls != null) {
			builder.sslContext(tls);
		}
		return builder.build();
	}

	/** The same client, cookies included, speaking to another server: one browser, two instances. */
	public ServerHttp sameBrowserAt(ServerHttp other) {
		return new ServerHttp(other.base, other.tls, this.client);
	}

	/**
	 * Sends {@code threads} requests at the same instant, each over a connection of its own,
	 * and returns every response.
	 */
	public List<HttpResponseView> atOnce(int threads, Function<ServerHttp, HttpResponseView> request)
			throws Exception {
		return atOnce(List.of(this), threads, request);
	}

	/**
	 * Sends {@code threadsEach} requests to each of {@code servers}, all at the same instant, each
	 * over a connection of its own, and returns every response.
	 */
	public static List<HttpResponseView> atOnce(List<ServerHttp> servers, int threadsEach,
			Function<ServerHttp, HttpResponseView> request) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(servers.size() * threadsEach);
		try {
			List<Future<HttpResponseView>> results = new ArrayList<>();
			for (int i = 0; i < servers.size() * threadsEach; i++) {
				ServerHttp server = servers.get(i % servers.size());
				ServerHttp client = new ServerHttp(server.base, server.tls);
				results.add(pool.submit(() -> {
					start.await();
					return request.apply(client);
				}));
			}
			start.countDown();
			List<HttpResponseView> responses = new ArrayList<>();
			for (Future<HttpResponseView> result : results) {
				responses.add(result.get(60, TimeUnit.SECONDS));
			}
			return responses;
		}
		finally {
			pool.shutdownNow();
		}
	}

	public String base() {
		return this.base;
	}

	public static String basic(String clientId, String secret) {
		return "Basic " + Base64.getEncoder()
			.encodeToString((urlEncode(clientId) + ":" + urlEncode(secret)).getBytes(StandardCharsets.UTF_8));
	}

	public static Map<String, String> form(String... pairs) {
		Map<String, String> form = new LinkedHashMap<>();
		for (int i = 0; i < pairs.length; i += 2) {
			form.put(pairs[i], pairs[i + 1]);
		}
		return form;
	}

	public static String encode(Map<String, String> form) {
		return form.entrySet()
			.stream()
			.map((e) -> urlEncode(e.getKey()) + "=" + urlEncode(e.getValue()))
			.collect(Collectors.joining("&"));
	}

	/** POSTs a form body; {@code headers} are name, value pairs. */
	public HttpResponseView postForm(String path, Map<String, String> form, String... headers) {
		return post(path, "application/x-www-form-urlencoded", encode(form), headers);
	}

	public HttpResponseView post(String path, String contentType, String body, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			request.header("Content-Type", contentType);
		}
		return send(request, headers);
	}

	public HttpResponseView get(String path, String... headers) {
		return send(HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : this.base + path)).GET(),
				headers);
	}

	public HttpResponseView send(HttpRequest.Builder request, String... headers) {
		for (int i = 0; i < headers.length; i += 2) {
			request.header(headers[i], headers[i + 1]);
		}
		try {
			return HttpResponseView.of(this.client.send(request.build(), HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** The value of the sample {@code name{label="value",...}} at /actuator/prometheus. */
	public double metric(String name, String label, String value) {
		String metrics = get("/actuator/prometheus").body();
		Matcher sample = Pattern.compile(Pattern.quote(name) + "\\{" + label + "=\"" + Pattern.quote(value) + "\"[^}]*} (\\S+)")
			.matcher(metrics);
		if (!sample.find()) {
			throw new IllegalStateException(name + "{" + label + "=\"" + value + "\"} is not in:\n" + metrics);
		}
		return Double.parseDouble(sample.group(1));
	}

	/** Mints a grant through the admin API; returns the token response. */
	public HttpResponseView mint(String clientId, String subject, String scope) {
		Map<String, String> form = form("client_id", clientId, "subject", subject);
		if (scope != null) {
			form.put("scope", scope);
		}
		return postForm("/admin/grants", form, "Authorization", "Bearer " + ADMIN_TOKEN);
	}

	public String mintRefreshToken(String clientId, String scope) {
		HttpResponseView minted = mint(clientId, "alice", scope);
		if (minted.status() != 200) {
			throw new IllegalStateException("mint failed: " + minted);
		}
		return minted.field("refresh_token");
	}

	/** Refreshes with client_secret_basic; {@code scope} may be null. */
	public HttpResponseView refresh(String clientId, String secret, String refreshToken, String scope) {
		Map<String, String> form = form("grant_type", "refresh_token", "refresh_token", refreshToken);
		if (scope != null) {
			form.put("scope", scope);
		}
		return postForm("/oauth2/token", form, "Authorization", basic(clientId, secret));
	}

	public HttpResponseView refresh(String refreshToken) {
		return refresh("demo-client", "demo-secret", refreshToken, null);
	}

	public HttpResponseView introspect(String token) {
		return postForm("/oauth2/introspect", form("token", token), "Authorization",
				basic("demo-client", "demo-secret"));
	}

	private static String urlEncode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}
}
