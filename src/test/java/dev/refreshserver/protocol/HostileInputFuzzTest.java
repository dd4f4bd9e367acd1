package dev.refreshserver.protocol;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.RawHttp;
import dev.refreshserver.support.RunningServer;
import dev.refreshserver.support.ServerHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against the token, revocation and introspection endpoints of a running server:
 * generated and mutated methods, paths, headers, credentials, encodings and bodies, sent as raw
 * bytes. Whatever arrives, the answer is a well-formed response: a 4xx with an RFC 6749 §5.2
 * JSON error (a 2xx where the request happens to be valid), never a 5xx, an HTML page, a stack
 * trace or a class name; and an honest client can still refresh afterwards.
 */
class HostileInputFuzzTest {

	/** Every error code these endpoints may answer with (RFC 6749 §5.2, RFC 7009 §2.2.1, 429 lockout). */
	static final Set<String> OAUTH_ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
			"unauthorized_client", "unsupported_grant_type", "invalid_scope", "unsupported_token_type",
			"temporarily_unavailable");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final AtomicInteger SENT = new AtomicInteger();

	private static RunningServer server;

	private static RawHttp raw;

	private static String refreshToken;

	private static String accessToken;

	private static long started;

	@BeforeContainer
	static void startServer() throws Exception {
		Path state = Files.createTempDirectory("refresh-server-fuzz");
		// Lockouts would stop most requests at the door; here every request should reach as deep as it can.
		server = RunningServer.start(state, "--spring.config.additional-location=classpath:test-clients.yml",
				"--refresh.brute-force.max-failures=1000000000");
		raw = new RawHttp(Integer.parseInt(server.http().base().replaceAll(".*:", "")));
		HttpResponseView minted = server.http().mint("reuse-client", "alice", "read");
		refreshToken = minted.field("refresh_token");
		accessToken = minted.field("access_token");
		started = System.nanoTime();
	}

	@AfterContainer
	static void stopServer() {
		System.out.printf("HostileInputFuzzTest: %d generated requests in %.1f s%n", SENT.get(),
				(System.nanoTime() - started) / 1e9);
		server.close();
		assertThat(SENT.get()).as("generated requests per run").isGreaterThanOrEqualTo(10_000);
	}

	/** The server keeps serving: a fresh grant of an honest client refreshes after every property. */
	@AfterProperty
	void honestClientStillRefreshes() {
		ServerHttp http = server.http();
		String token = http.mintRefreshToken("demo-client", "read");
		HttpResponseView refreshed = http.refresh(token);
		assertThat(refreshed.status()).as(refreshed.toString()).isEqualTo(200);
	}

	@Property(tries = 6000, shrinking = ShrinkingMode.OFF)
	void generatedRequestsGetOAuthErrors(@ForAll("requests") RawRequest request) {
		assertWellFormed(request, send(request));
	}

	@Property(tries = 3000, shrinking = ShrinkingMode.OFF)
	void mutatedRefreshRequestsGetOAuthErrors(@ForAll("mutatedRefreshes") RawRequest request) {
		assertWellFormed(request, send(request));
	}

	@Property(tries = 1000, shrinking = ShrinkingMode.OFF)
	void strangeMethodsAndPathsGetJsonErrors(@ForAll("methodsAndPaths") RawRequest request) {
		assertWellFormed(request, send(request));
	}

	@Property(tries = 60, shrinking = ShrinkingMode.OFF)
	void oversizedRequestsAreRefusedWithJson(@ForAll("oversized") RawRequest request) {
		RawHttp.Response response = send(request);
		assertWellFormed(request, response);
		assertThat(response.status()).as(request + "\n=> " + response).isIn(400, 413, 431);
	}

	private static RawHttp.Response send(RawRequest request) {
		SENT.incrementAndGet();
		return raw.exchange(request.bytes());
	}

	/**
	 * 2xx: a JSON body or none (a revocation). 4xx: a JSON object whose {@code error} is an OAuth
	 * code, or Spring Boot's error document for a path or method that is no endpoint. Never a 5xx,
	 * HTML or an implementation detail.
	 */
	static void assertWellFormed(RawRequest request, RawHttp.Response response) {
		String what = request + "\n=> " + response;
		boolean endpoint = servesEndpoint(request.target());
		if (!endpoint && response.status() == 302) {
			// a path that is no endpoint belongs to the login application, which sends browsers to /login
			assertThat(response.header("location")).as(what).endsWith("/login");
			return;
		}
		String text = response.text();
		if (response.status() == 0) {
			// a request line without a version is HTTP/0.9, answered the HTTP/0.9 way: the body alone
			assertThat(JSON.readTree(text.substring(text.indexOf('{'))).path("error").asString()).as(what)
				.isEqualTo("invalid_request");
			return;
		}
		assertThat(response.status()).as(what).isBetween(200, 499);
		assertThat(text).as(what)
			.doesNotContainIgnoringCase("<html")
			.doesNotContain("Exception")
			.doesNotContain("org.")
			.doesNotContain("java.")
			.doesNotContain("\tat ");
		if ("HEAD".equals(request.method()) || (response.status() < 300 && text.isEmpty())) {
			return;
		}
		assertThat(response.header("content-type")).as(what).startsWith("application/json");
		JsonNode body = JSON.readTree(text);
		assertThat(body.isObject()).as(what).isTrue();
		if (response.status() >= 400) {
			assertThat(body.path("error").isString()).as(what).isTrue();
			// Spring Boot's error document is fine for a path that is no endpoint
			if (endpoint || !body.has("status")) {
				assertThat(body.get("error").asString()).as(what).isIn(OAUTH_ERRORS);
			}
		}
	}

	/**
	 * Whether a request target reaches one of the endpoints once the container has normalized it
	 * (path parameters dropped, unreserved escapes decoded, dot segments and {@code //} resolved, a
	 * trailing slash ignored); for other paths Spring Boot's own error document is fine.
	 */
	static boolean servesEndpoint(String target) {
		String path = target.split("[?#]", 2)[0].replaceAll(";[^/]*", "");
		if (path.matches(".*%(?![0-9a-fA-F]{2}).*")) {
			return false;
		}
		String decoded = java.net.URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.ISO_8859_1);
		java.util.Deque<String> segments = new java.util.ArrayDeque<>();
		for (String segment : decoded.split("/")) {
			if (segment.equals("..")) {
				segments.pollLast();
			}
			else if (!segment.isEmpty() && !segment.equals(".")) {
				segments.addLast(segment);
			}
		}
		return SERVED.contains("/" + String.join("/", segments));
	}

	private static final Set<String> SERVED = Set.of("/oauth2/token", "/oauth2/revoke", "/oauth2/introspect",
			"/oauth/v2/oauth-token");

	// ---- generators

	@Provide
	Arbitrary<RawRequest> requests() {
		Arbitrary<List<String>> parameters = parameter().list().ofMinSize(0).ofMaxSize(8);
		return Combinators
			.combine(endpoint(), parameters, Arbitraries.of("&", "&", "&", ";", "&&"), contentType(),
					authorization(), chunkSize(), extraHeaders())
			.as((endpoint, pairs, separator, contentType, authorization, chunk, extra) -> {
				byte[] body = contentType.contains("json") ? jsonBody(pairs) : String.join(separator, pairs)
					.getBytes(StandardCharsets.ISO_8859_1);
				RawRequest request = new RawRequest("POST", endpoint, List.of(), body, chunk);
				if (!contentType.isEmpty()) {
					request = request.withHeader("Content-Type", contentType);
				}
				for (byte[] value : authorization) {
					request = request.withHeader("Authorization", value);
				}
				for (Map.Entry<String, byte[]> header : extra) {
					request = request.withHeader(header.getKey(), header.getValue());
				}
				return request;
			});
	}

	/** A valid refresh request, then one to five byte-level mutations of its request line and body. */
	@Provide
	Arbitrary<RawRequest> mutatedRefreshes() {
		Arbitrary<Mutation> mutation = Combinators
			.combine(Arbitraries.integers().between(0, 3), Arbitraries.doubles().between(0, 1),
					Arbitraries.of(SPECIAL_BYTES), Arbitraries.integers().between(1, 400))
			.as(Mutation::new);
		return Combinators.combine(mutation.list().ofMinSize(1).ofMaxSize(5), Arbitraries.of(true, false),
				chunkSize(), Arbitraries.of(ENDPOINT_SPELLINGS))
			.as((mutations, mutateTarget, chunk, endpoint) -> {
				String body = "grant_type=refresh_token&refresh_token=" + refreshToken + "&scope=read";
				byte[] target = endpoint.getBytes(StandardCharsets.ISO_8859_1);
				byte[] bytes = body.getBytes(StandardCharsets.ISO_8859_1);
				for (Mutation m : mutations) {
					if (mutateTarget && m.op() == 0) {
						target = m.apply(target);
					}
					else {
						bytes = m.apply(bytes);
					}
				}
				return new RawRequest("POST", new String(target, StandardCharsets.ISO_8859_1), List.of(), bytes, chunk)
					.withHeader("Content-Type", "application/x-www-form-urlencoded")
					.withHeader("Authorization", ServerHttp.basic("reuse-client", "reuse-secret"));
			});
	}

	@Provide
	Arbitrary<RawRequest> methodsAndPaths() {
		Arbitrary<String> method = Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.of("GET", "PUT", "DELETE", "PATCH",
				"OPTIONS", "TRACE", "HEAD", "CONNECT", "post", "Post", "PROPFIND")),
				Tuple.of(1, Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(12)));
		Arbitrary<String> path = Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.of(ENDPOINT_SPELLINGS)),
				Tuple.of(1, Arbitraries.of(NON_ENDPOINTS)));
		return Combinators
			.combine(method, path, Arbitraries.of("", "grant_type=refresh_token&refresh_token=x"),
					Arbitraries.of("application/json", "text/html", "*/*"))
			.as((m, p, body, accept) -> {
				RawRequest request = new RawRequest(m, p, List.of(), body.getBytes(StandardCharsets.ISO_8859_1), 0)
					.withHeader("Content-Type", "application/x-www-form-urlencoded");
				// a browser's Accept only where the answer is ours to give; elsewhere it is the login page's
				return request.withHeader("Accept", servesEndpoint(p) ? accept : "application/json");
			});
	}

	@Provide
	Arbitrary<RawRequest> oversized() {
		Arbitrary<RawRequest> bigHeader = Arbitraries.integers().between(9_000, 64_000).map((size) -> refreshRequest()
			.withHeader("X-Filler", "a".repeat(size)));
		Arbitrary<RawRequest> manyHeaders = Arbitraries.integers().between(150, 400).map((count) -> {
			RawRequest request = refreshRequest();
			for (int i = 0; i < count; i++) {
				request = request.withHeader("X-Header-" + i, "v");
			}
			return request;
		});
		Arbitrary<RawRequest> longTarget = Arbitraries.integers().between(9_000, 20_000).map((size) ->
				refreshRequest().withTarget("/oauth2/token?x=" + "a".repeat(size)));
		Arbitrary<RawRequest> megabyteParameter = Combinators
			.combine(Arbitraries.integers().between(100_000, 2_000_000), chunkSize(), Arbitraries.of(ENDPOINTS_ARRAY))
			.as((size, chunk, endpoint) -> new RawRequest("POST", endpoint, List.of(),
					("grant_type=refresh_token&token=" + "A".repeat(size)).getBytes(StandardCharsets.ISO_8859_1),
					chunk)
				.withHeader("Content-Type", "application/x-www-form-urlencoded")
				.withHeader("Authorization", ServerHttp.basic("demo-client", "demo-secret")));
		Arbitrary<RawRequest> thousandsOfParameters = Combinators
			.combine(Arbitraries.integers().between(101, 20_000), Arbitraries.of(ENDPOINTS_ARRAY))
			.as((count, endpoint) -> {
				StringBuilder body = new StringBuilder("grant_type=refresh_token");
				for (int i = 0; i < count; i++) {
					body.append("&p").append(i).append("=1");
				}
				byte[] bytes = body.toString().getBytes(StandardCharsets.ISO_8859_1);
				return new RawRequest("POST", endpoint, List.of(), bytes, 0)
					.withHeader("Content-Type", "application/x-www-form-urlencoded")
					.withHeader("Authorization", ServerHttp.basic("demo-client", "demo-secret"));
			});
		Arbitrary<RawRequest> bigJson = Arbitraries.integers().between(70_000, 1_000_000).map((size) ->
				new RawRequest("POST", "/oauth2/token", List.of(),
						("{\"grant_type\":\"refresh_token\",\"client_id\":\"webex-client\",\"refresh_token\":\""
								+ "A".repeat(size) + "\"}").getBytes(StandardCharsets.ISO_8859_1), 0)
					.withHeader("Content-Type", "application/json"));
		return Arbitraries.oneOf(bigHeader, manyHeaders, longTarget, megabyteParameter, thousandsOfParameters,
				bigJson);
	}

	private static RawRequest refreshRequest() {
		return new RawRequest("POST", "/oauth2/token", List.of(),
				("grant_type=refresh_token&refresh_token=" + refreshToken).getBytes(StandardCharsets.ISO_8859_1), 0)
			.withHeader("Content-Type", "application/x-www-form-urlencoded")
			.withHeader("Authorization", ServerHttp.basic("reuse-client", "reuse-secret"));
	}

	private static Arbitrary<String> endpoint() {
		return Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.of(ENDPOINTS_ARRAY)),
				Tuple.of(2, Arbitraries.of(ENDPOINT_SPELLINGS)));
	}

	/** One {@code name=value} pair, each side well or badly encoded. */
	private static Arbitrary<String> parameter() {
		Arbitrary<String> name = Arbitraries.frequencyOf(Tuple.of(6, Arbitraries.of("grant_type", "refresh_token",
				"client_id", "client_secret", "scope", "token", "token_type_hint", "code", "redirect_uri",
				"code_verifier", "client_assertion", "client_assertion_type")),
				Tuple.of(1, Arbitraries.strings().ofMaxLength(12)));
		return Combinators.combine(encoded(name), encoded(value()), Arbitraries.of(true, true, true, false))
			.as((n, v, withEquals) -> withEquals ? n + "=" + v : n);
	}

	private static Arbitrary<String> value() {
		return Arbitraries.frequencyOf(
				Tuple.of(4, Arbitraries.of("refresh_token", "authorization_code", "client_credentials", "password",
						"urn:ietf:params:oauth:grant-type:device_code", "demo-client", "demo-public", "reuse-client",
						"demo-secret", "nope", "read", "read write", "openid profile", "admin", "access_token",
						"refresh_token", "http://127.0.0.1:8080/callback", "", " ")),
				Tuple.of(3, Arbitraries.just(0).map((ignored) -> refreshToken)),
				Tuple.of(3, mutated(Arbitraries.just(0).map((ignored) -> refreshToken))),
				Tuple.of(2, mutated(Arbitraries.just(0).map((ignored) -> accessToken))),
				Tuple.of(3, Arbitraries.strings().ofMaxLength(40)),
				Tuple.of(1, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1_000).ofMaxLength(5_000)));
	}

	/** A string with a few characters replaced, inserted or removed. */
	private static Arbitrary<String> mutated(Arbitrary<String> original) {
		Arbitrary<Mutation> mutation = Combinators
			.combine(Arbitraries.integers().between(0, 3), Arbitraries.doubles().between(0, 1),
					Arbitraries.of(SPECIAL_BYTES), Arbitraries.integers().between(1, 40))
			.as(Mutation::new);
		return Combinators.combine(original, mutation.list().ofMinSize(1).ofMaxSize(3)).as((value, mutations) -> {
			byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
			for (Mutation m : mutations) {
				bytes = m.apply(bytes);
			}
			return new String(bytes, StandardCharsets.ISO_8859_1);
		});
	}

	/** Percent-encoded as a form should be, sent raw, or with a broken escape or a raw odd byte spliced in. */
	private static Arbitrary<String> encoded(Arbitrary<String> text) {
		return Combinators.combine(text, Arbitraries.integers().between(0, 9), Arbitraries.of(BROKEN_ESCAPES))
			.as((value, how, broken) -> switch (how) {
				case 0, 1, 2, 3, 4 -> java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
				case 5 -> value;
				case 6 -> new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
				case 7 -> broken + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
				default -> java.net.URLEncoder.encode(value, StandardCharsets.UTF_8) + broken;
			});
	}

	private static Arbitrary<String> contentType() {
		return Arbitraries.frequencyOf(Tuple.of(12, Arbitraries.just("application/x-www-form-urlencoded")),
				Tuple.of(4, Arbitraries.of("application/x-www-form-urlencoded; charset=UTF-8",
						"application/x-www-form-urlencoded; charset=ISO-8859-1",
						"application/x-www-form-urlencoded; charset=bogus",
						"application/x-www-form-urlencoded; charset=UTF-16", "APPLICATION/X-WWW-FORM-URLENCODED",
						"application/x-www-form-urlencoded;;", "application/json", "application/json; charset=UTF-8",
						"text/plain", "multipart/form-data; boundary=xyz", "multipart/form-data", "", "*/*", ";",
						"application/x-www-form-urlencoded\u0000", "text/html")),
				Tuple.of(1, Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30)));
	}

	/** Zero, one or two Authorization header values. */
	private static Arbitrary<List<byte[]>> authorization() {
		Arbitrary<byte[]> one = Arbitraries.frequencyOf(
				Tuple.of(4, Arbitraries.of("demo-client:demo-secret", "reuse-client:reuse-secret",
						"demo-client:nope", "nobody:x", "demo-public:", ":demo-secret", "demo-client", "%zz:x",
						"demo-client:%e9", "demo-client:%", "demo%2Dclient:demo-secret", "demo-client:demo-secret:x",
						"demo-client\u0000:demo-secret", "demo-client:demo\u00e9secret")
					.map((credentials) -> ("Basic " + Base64.getEncoder()
						.encodeToString(credentials.getBytes(StandardCharsets.ISO_8859_1)))
						.getBytes(StandardCharsets.ISO_8859_1))),
				Tuple.of(2, Arbitraries.of("Basic", "Basic ", "Basic %%%", "Basic ====", "Basic ZGVtby1jbGllbnQ",
						"basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ=", "Bearer x", "Bearer " + "e".repeat(50), "Digest x",
						"Basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ=,Basic eA==", "")
					.map((value) -> value.getBytes(StandardCharsets.ISO_8859_1))),
				Tuple.of(1, Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map((bytes) -> {
					byte[] value = new byte[bytes.length + 6];
					System.arraycopy("Basic ".getBytes(StandardCharsets.ISO_8859_1), 0, value, 0, 6);
					for (int i = 0; i < bytes.length; i++) {
						// no CR or LF: a header line must stay one line
						value[i + 6] = (bytes[i] == '\r' || bytes[i] == '\n') ? (byte) 'x' : bytes[i];
					}
					return value;
				})));
		return Arbitraries.frequencyOf(Tuple.of(2, Arbitraries.just(List.<byte[]>of())),
				Tuple.of(6, one.map(List::of)),
				Tuple.of(1, Combinators.combine(one, one).as((a, b) -> List.of(a, b))));
	}

	private static Arbitrary<List<Map.Entry<String, byte[]>>> extraHeaders() {
		Arbitrary<Map.Entry<String, byte[]>> header = Arbitraries.of(
				Map.entry("Accept", "text/html"), Map.entry("Accept", "*/*"), Map.entry("Accept", "application/xml"),
				Map.entry("Accept-Charset", "utf-16"), Map.entry("Content-Encoding", "gzip"),
				Map.entry("X-Forwarded-For", "203.0.113.9"), Map.entry("X-Forwarded-Proto", "https"),
				Map.entry("Cookie", "JSESSIONID=nope"), Map.entry("Expect", "100-continue"),
				Map.entry("X-Odd", "\u00e9\u00ff\u0000"), Map.entry("Origin", "http://evil.example"))
			.map((entry) -> Map.entry(entry.getKey(), entry.getValue().getBytes(StandardCharsets.ISO_8859_1)));
		return header.list().ofMaxSize(3);
	}

	private static Arbitrary<Integer> chunkSize() {
		return Arbitraries.frequencyOf(Tuple.of(5, Arbitraries.just(0)),
				Tuple.of(1, Arbitraries.integers().between(1, 64)));
	}

	private static byte[] jsonBody(List<String> pairs) {
		StringBuilder json = new StringBuilder("{");
		List<String> members = new ArrayList<>();
		for (String pair : pairs) {
			String[] parts = pair.split("=", 2);
			String value = (parts.length > 1) ? parts[1].replace("\"", "") : "";
			members.add("\"" + parts[0].replace("\"", "") + "\":\"" + value + "\"");
		}
		return json.append(String.join(",", members)).append('}').toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	/** op 0: replace a byte, 1: insert, 2: delete, 3: duplicate a run. */
	record Mutation(int op, double where, byte special, int length) {

		byte[] apply(byte[] bytes) {
			int at = (int) (this.where * bytes.length);
			List<Byte> list = new ArrayList<>(bytes.length + 8);
			for (byte b : bytes) {
				list.add(b);
			}
			switch (this.op) {
				case 0 -> {
					if (at < list.size()) {
						list.set(at, this.special);
					}
				}
				case 1 -> list.add(Math.min(at, list.size()), this.special);
				case 2 -> {
					for (int i = 0; i < this.length && at < list.size(); i++) {
						list.remove(at);
					}
				}
				default -> {
					int from = Math.min(at, list.size());
					list.addAll(from, new ArrayList<>(list.subList(from, Math.min(at + this.length, list.size()))));
				}
			}
			byte[] result = new byte[list.size()];
			for (int i = 0; i < result.length; i++) {
				result[i] = list.get(i);
			}
			return result;
		}
	}

	private static final Byte[] SPECIAL_BYTES = { 0, '%', '&', '=', '+', ';', ' ', '"', '\\', '/', '?', '#',
			(byte) 0xe9, (byte) 0xff, (byte) 0xc3, (byte) 0x80, 'A', 'z', '9', '-', '_', '.' };

	private static final String[] BROKEN_ESCAPES = { "%", "%z", "%zz", "%e9", "%c3%28", "%ff%fe", "%00", "%%",
			"%2", "%G1", "%u00e9", "%c3", "%ed%a0%80", "\u0000", "\u00e9", "\u00ff" };

	private static final String[] ENDPOINTS_ARRAY = RawRequest.ENDPOINTS;

	private static final String[] ENDPOINT_SPELLINGS = { "/oauth2/token", "/oauth2/revoke", "/oauth2/introspect",
			"//oauth2/token", "/oauth2//token", "/oauth2/token/", "/oauth2/token;x=1", "/oauth2;x=1/token",
			"/oauth2/%74oken", "/oauth2/token%2F", "/oauth2/token%3Bx", "/oauth2/./token", "/x/../oauth2/token",
			"/oauth2/token?", "/oauth2/token?a=b", "/oauth2/token?client_secret=demo-secret", "/oauth2/token#f",
			"/oauth2/token%", "/oauth2/token%zz", "/oauth2/token%00", "/oauth2/token%e9", "/oauth2/revoke/",
			"/oauth2/introspect;jsessionid=x", "//oauth2//introspect", "/oauth2/%72evoke", "/oauth/v2/oauth-token",
			"/oauth2/token/..", "/oauth2/token/../token", "/%2e/oauth2/token",
			"/oauth2/token\\", "/oauth2\\token", "http://localhost/oauth2/token", "*" };

	private static final String[] NON_ENDPOINTS = { "/oauth2/tokens", "/oauth2/TOKEN", "/OAUTH2/token",
			"/oauth2/", "/oauth2", "/nothing", "/oauth2/token2", "/oauth2/introspection", "/.well-known/nothing",
			"/api/oauth/token" };
}
