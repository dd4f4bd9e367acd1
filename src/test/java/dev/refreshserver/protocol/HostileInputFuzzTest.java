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

import java.util.function.BiConsumer;
import java.util.function.Function;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.refreshserver.support.Fuzz;
import dev.refreshserver.support.HttpResponseView;
import dev.refreshserver.support.RawHttp;
import dev.refreshserver.support.RunningServer;
import dev.refreshserver.support.ServerHttp;

import static dev.refreshserver.support.Fuzz.weighted;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile input against the token, revocation and introspection endpoints of a running server:
 * generated and mutated methods, paths, headers, credentials, encodings and bodies, sent as raw
 * bytes. Whatever arrives, the answer is a well-formed response: a 4xx with an RFC 6749 §5.2
 * JSON error (a 2xx where the request happens to be valid), never a 5xx, an HTML page, a stack
 * trace or a class name; and an honest client can still refresh afterwards.
 *
 * <p>Each test sends its number of generated requests from its own stream of a seeded {@link Fuzz}
 * and stops at the first failure, whose message holds the request, the response and the seed. The
 * seed is random and printed when the class starts; {@code -Dfuzz.seed=<n>} replays a run's
 * choices (with that run's freshly minted tokens).
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

	/** One seed per run: {@code -Dfuzz.seed=<n>}, or a random one. */
	private static final long SEED = Fuzz.seed();

	@BeforeAll
	static void startServer() throws Exception {
		System.out.println("HostileInputFuzzTest: " + seedAndReplay());
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

	@AfterAll
	static void stopServer() {
		System.out.printf("HostileInputFuzzTest: %d generated requests in %.1f s, %s%n", SENT.get(),
				(System.nanoTime() - started) / 1e9, seedAndReplay());
		if (server != null) {
			server.close();
		}
		assertThat(SENT.get()).as("generated requests per run").isGreaterThanOrEqualTo(10_000);
	}

	/** The server keeps serving: a fresh grant of an honest client refreshes after every batch. */
	@AfterEach
	void honestClientStillRefreshes() {
		ServerHttp http = server.http();
		String token = http.mintRefreshToken("demo-client", "read");
		HttpResponseView refreshed = http.refresh(token);
		assertThat(refreshed.status()).as("honest refresh after the batch, " + seedAndReplay() + "\n" + refreshed)
			.isEqualTo(200);
	}

	@Test
	void generatedRequestsGetOAuthErrors() {
		fuzz("requests", 6000, HostileInputFuzzTest::requests, HostileInputFuzzTest::assertWellFormed);
	}

	@Test
	void mutatedRefreshRequestsGetOAuthErrors() {
		fuzz("mutatedRefreshes", 3000, HostileInputFuzzTest::mutatedRefreshes, HostileInputFuzzTest::assertWellFormed);
	}

	@Test
	void strangeMethodsAndPathsGetJsonErrors() {
		fuzz("methodsAndPaths", 1000, HostileInputFuzzTest::methodsAndPaths, HostileInputFuzzTest::assertWellFormed);
	}

	@Test
	void oversizedRequestsAreRefusedWithJson() {
		fuzz("oversized", 60, HostileInputFuzzTest::oversized, (request, response) -> {
			assertWellFormed(request, response);
			assertThat(response.status()).as(request + "\n=> " + response).isIn(400, 413, 431);
		});
	}

	/**
	 * Sends {@code tries} requests from {@code generator}, each checked by {@code check} as its
	 * answer comes back. The first failure ends the batch; its message names the try and the seed.
	 */
	private static void fuzz(String generator, int tries, Function<Fuzz, RawRequest> generate,
			BiConsumer<RawRequest, RawHttp.Response> check) {
		Fuzz fuzz = Fuzz.stream(SEED, generator);
		for (int i = 1; i <= tries; i++) {
			RawRequest request = null;
			try {
				request = generate.apply(fuzz);
				check.accept(request, send(request));
			}
			catch (AssertionError | RuntimeException failure) {
				String heading = String.format("%s: try %d of %d failed, %s%n", generator, i, tries, seedAndReplay());
				// the assertions describe the request and its response; anything else gets the request here
				String detail = (failure instanceof AssertionError) ? failure.getMessage()
						: "request:\n" + request + "\n=> " + failure;
				throw new AssertionError(heading + detail, failure);
			}
		}
	}

	private static String seedAndReplay() {
		return "seed " + SEED + " (replay with -Dfuzz.seed=" + SEED + ")";
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

	// ---- generators: each builds one request (or part of one) from the choices of a Fuzz stream

	/** A POST to an endpoint: generated parameters, content type, credentials, framing and extra headers. */
	private static RawRequest requests(Fuzz fuzz) {
		String endpoint = endpoint(fuzz);
		List<String> pairs = fuzz.list(0, 8, () -> parameter(fuzz));
		String separator = fuzz.oneOf("&", "&", "&", ";", "&&");
		String contentType = contentType(fuzz);
		List<byte[]> authorization = authorization(fuzz);
		int chunk = chunkSize(fuzz);
		List<Map.Entry<String, byte[]>> extra = extraHeaders(fuzz);
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
	}

	/** A valid refresh request, then one to five byte-level mutations of its request line and body. */
	private static RawRequest mutatedRefreshes(Fuzz fuzz) {
		List<Mutation> mutations = fuzz.list(1, 5, () -> mutation(fuzz, 400));
		boolean mutateTarget = fuzz.bool();
		int chunk = chunkSize(fuzz);
		String endpoint = fuzz.oneOf(ENDPOINT_SPELLINGS);
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
	}

	/** Every method, invented ones too, against the endpoints' spellings and paths that are no endpoint. */
	private static RawRequest methodsAndPaths(Fuzz fuzz) {
		String method = fuzz.frequency(
				weighted(3, () -> fuzz.oneOf("GET", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "HEAD", "CONNECT",
						"post", "Post", "PROPFIND")),
				weighted(1, () -> fuzz.string(1, 12, '!', '~')));
		String path = fuzz.frequency(weighted(4, () -> fuzz.oneOf(ENDPOINT_SPELLINGS)),
				weighted(1, () -> fuzz.oneOf(NON_ENDPOINTS)));
		String body = fuzz.oneOf("", "grant_type=refresh_token&refresh_token=x");
		String accept = fuzz.oneOf("application/json", "text/html", "*/*");
		RawRequest request = new RawRequest(method, path, List.of(), body.getBytes(StandardCharsets.ISO_8859_1), 0)
			.withHeader("Content-Type", "application/x-www-form-urlencoded");
		// a browser's Accept only where the answer is ours to give; elsewhere it is the login page's
		return request.withHeader("Accept", servesEndpoint(path) ? accept : "application/json");
	}

	/** Past one of the request limits: headers, header count, target, parameter size and count, JSON size. */
	private static RawRequest oversized(Fuzz fuzz) {
		return fuzz.frequency(weighted(1, () -> bigHeader(fuzz)), weighted(1, () -> manyHeaders(fuzz)),
				weighted(1, () -> longTarget(fuzz)), weighted(1, () -> megabyteParameter(fuzz)),
				weighted(1, () -> thousandsOfParameters(fuzz)), weighted(1, () -> bigJson(fuzz)));
	}

	private static RawRequest bigHeader(Fuzz fuzz) {
		return refreshRequest().withHeader("X-Filler", "a".repeat(fuzz.between(9_000, 64_000)));
	}

	private static RawRequest manyHeaders(Fuzz fuzz) {
		int count = fuzz.between(150, 400);
		RawRequest request = refreshRequest();
		for (int i = 0; i < count; i++) {
			request = request.withHeader("X-Header-" + i, "v");
		}
		return request;
	}

	private static RawRequest longTarget(Fuzz fuzz) {
		return refreshRequest().withTarget("/oauth2/token?x=" + "a".repeat(fuzz.between(9_000, 20_000)));
	}

	private static RawRequest megabyteParameter(Fuzz fuzz) {
		int size = fuzz.between(100_000, 2_000_000);
		int chunk = chunkSize(fuzz);
		String endpoint = fuzz.oneOf(ENDPOINTS_ARRAY);
		return new RawRequest("POST", endpoint, List.of(),
				("grant_type=refresh_token&token=" + "A".repeat(size)).getBytes(StandardCharsets.ISO_8859_1), chunk)
			.withHeader("Content-Type", "application/x-www-form-urlencoded")
			.withHeader("Authorization", ServerHttp.basic("demo-client", "demo-secret"));
	}

	private static RawRequest thousandsOfParameters(Fuzz fuzz) {
		int count = fuzz.between(101, 20_000);
		String endpoint = fuzz.oneOf(ENDPOINTS_ARRAY);
		StringBuilder body = new StringBuilder("grant_type=refresh_token");
		for (int i = 0; i < count; i++) {
			body.append("&p").append(i).append("=1");
		}
		byte[] bytes = body.toString().getBytes(StandardCharsets.ISO_8859_1);
		return new RawRequest("POST", endpoint, List.of(), bytes, 0)
			.withHeader("Content-Type", "application/x-www-form-urlencoded")
			.withHeader("Authorization", ServerHttp.basic("demo-client", "demo-secret"));
	}

	private static RawRequest bigJson(Fuzz fuzz) {
		int size = fuzz.between(70_000, 1_000_000);
		return new RawRequest("POST", "/oauth2/token", List.of(),
				("{\"grant_type\":\"refresh_token\",\"client_id\":\"webex-client\",\"refresh_token\":\""
						+ "A".repeat(size) + "\"}").getBytes(StandardCharsets.ISO_8859_1), 0)
			.withHeader("Content-Type", "application/json");
	}

	private static RawRequest refreshRequest() {
		return new RawRequest("POST", "/oauth2/token", List.of(),
				("grant_type=refresh_token&refresh_token=" + refreshToken).getBytes(StandardCharsets.ISO_8859_1), 0)
			.withHeader("Content-Type", "application/x-www-form-urlencoded")
			.withHeader("Authorization", ServerHttp.basic("reuse-client", "reuse-secret"));
	}

	private static String endpoint(Fuzz fuzz) {
		return fuzz.frequency(weighted(10, () -> fuzz.oneOf(ENDPOINTS_ARRAY)),
				weighted(2, () -> fuzz.oneOf(ENDPOINT_SPELLINGS)));
	}

	/** One {@code name=value} pair, each side well or badly encoded. */
	private static String parameter(Fuzz fuzz) {
		String name = fuzz.frequency(
				weighted(6, () -> fuzz.oneOf("grant_type", "refresh_token", "client_id", "client_secret", "scope",
						"token", "token_type_hint", "code", "redirect_uri", "code_verifier", "client_assertion",
						"client_assertion_type")),
				weighted(1, () -> fuzz.string(0, 12)));
		String encodedName = encoded(fuzz, name);
		String encodedValue = encoded(fuzz, value(fuzz));
		boolean withEquals = fuzz.oneOf(true, true, true, false);
		return withEquals ? encodedName + "=" + encodedValue : encodedName;
	}

	private static String value(Fuzz fuzz) {
		return fuzz.frequency(
				weighted(4, () -> fuzz.oneOf("refresh_token", "authorization_code", "client_credentials", "password",
						"urn:ietf:params:oauth:grant-type:device_code", "demo-client", "demo-public", "reuse-client",
						"demo-secret", "nope", "read", "read write", "openid profile", "admin", "access_token",
						"refresh_token", "http://127.0.0.1:8080/callback", "", " ")),
				weighted(3, () -> refreshToken),
				weighted(3, () -> mutated(fuzz, refreshToken)),
				weighted(2, () -> mutated(fuzz, accessToken)),
				weighted(3, () -> fuzz.string(0, 40)),
				weighted(1, () -> fuzz.string(1_000, 5_000, 'a', 'z')));
	}

	/** A string with one to three bytes or runs replaced, inserted, removed or duplicated. */
	private static String mutated(Fuzz fuzz, String value) {
		List<Mutation> mutations = fuzz.list(1, 3, () -> mutation(fuzz, 40));
		byte[] bytes = value.getBytes(StandardCharsets.ISO_8859_1);
		for (Mutation m : mutations) {
			bytes = m.apply(bytes);
		}
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

	private static Mutation mutation(Fuzz fuzz, int maxLength) {
		int op = fuzz.between(0, 3);
		double where = fuzz.fraction();
		byte special = fuzz.oneOf(SPECIAL_BYTES);
		int length = fuzz.between(1, maxLength);
		return new Mutation(op, where, special, length);
	}

	/** Percent-encoded as a form should be, sent raw, or with a broken escape or a raw odd byte spliced in. */
	private static String encoded(Fuzz fuzz, String value) {
		int how = fuzz.between(0, 9);
		String broken = fuzz.oneOf(BROKEN_ESCAPES);
		return switch (how) {
			case 0, 1, 2, 3, 4 -> java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
			case 5 -> value;
			case 6 -> new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
			case 7 -> broken + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
			default -> java.net.URLEncoder.encode(value, StandardCharsets.UTF_8) + broken;
		};
	}

	private static String contentType(Fuzz fuzz) {
		return fuzz.frequency(weighted(12, () -> "application/x-www-form-urlencoded"),
				weighted(4, () -> fuzz.oneOf("application/x-www-form-urlencoded; charset=UTF-8",
						"application/x-www-form-urlencoded; charset=ISO-8859-1",
						"application/x-www-form-urlencoded; charset=bogus",
						"application/x-www-form-urlencoded; charset=UTF-16", "APPLICATION/X-WWW-FORM-URLENCODED",
						"application/x-www-form-urlencoded;;", "application/json", "application/json; charset=UTF-8",
						"text/plain", "multipart/form-data; boundary=xyz", "multipart/form-data", "", "*/*", ";",
						"application/x-www-form-urlencoded\u0000", "text/html")),
				weighted(1, () -> fuzz.string(0, 30, ' ', '~')));
	}

	/** Zero, one or two Authorization header values. */
	private static List<byte[]> authorization(Fuzz fuzz) {
		return fuzz.frequency(weighted(2, () -> List.<byte[]>of()),
				weighted(6, () -> List.of(authorizationValue(fuzz))),
				weighted(1, () -> List.of(authorizationValue(fuzz), authorizationValue(fuzz))));
	}

	/** Basic with odd credentials, Basic that is not Base64, other schemes, or Basic and raw bytes. */
	private static byte[] authorizationValue(Fuzz fuzz) {
		return fuzz.frequency(weighted(4, () -> basic(fuzz.oneOf("demo-client:demo-secret",
				"reuse-client:reuse-secret", "demo-client:nope", "nobody:x", "demo-public:", ":demo-secret",
				"demo-client", "%zz:x", "demo-client:%e9", "demo-client:%", "demo%2Dclient:demo-secret",
				"demo-client:demo-secret:x", "demo-client\u0000:demo-secret", "demo-client:demo\u00e9secret"))),
				weighted(2, () -> fuzz.oneOf("Basic", "Basic ", "Basic %%%", "Basic ====", "Basic ZGVtby1jbGllbnQ",
						"basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ=", "Bearer x", "Bearer " + "e".repeat(50), "Digest x",
						"Basic ZGVtby1jbGllbnQ6ZGVtby1zZWNyZXQ=,Basic eA==", "")
					.getBytes(StandardCharsets.ISO_8859_1)),
				weighted(1, () -> basicWithRawBytes(fuzz.bytes(0, 40))));
	}

	private static byte[] basic(String credentials) {
		return ("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.ISO_8859_1)))
			.getBytes(StandardCharsets.ISO_8859_1);
	}

	private static byte[] basicWithRawBytes(byte[] bytes) {
		byte[] value = new byte[bytes.length + 6];
		System.arraycopy("Basic ".getBytes(StandardCharsets.ISO_8859_1), 0, value, 0, 6);
		for (int i = 0; i < bytes.length; i++) {
			// no CR or LF: a header line must stay one line
			value[i + 6] = (bytes[i] == '\r' || bytes[i] == '\n') ? (byte) 'x' : bytes[i];
		}
		return value;
	}

	private static List<Map.Entry<String, byte[]>> extraHeaders(Fuzz fuzz) {
		return fuzz.list(0, 3, () -> {
			Map.Entry<String, String> header = fuzz.oneOf(EXTRA_HEADERS);
			return Map.entry(header.getKey(), header.getValue().getBytes(StandardCharsets.ISO_8859_1));
		});
	}

	private static int chunkSize(Fuzz fuzz) {
		return fuzz.frequency(weighted(5, () -> 0), weighted(1, () -> fuzz.between(1, 64)));
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

	@SuppressWarnings("unchecked")
	private static final Map.Entry<String, String>[] EXTRA_HEADERS = new Map.Entry[] {
			Map.entry("Accept", "text/html"), Map.entry("Accept", "*/*"), Map.entry("Accept", "application/xml"),
			Map.entry("Accept-Charset", "utf-16"), Map.entry("Content-Encoding", "gzip"),
			Map.entry("X-Forwarded-For", "203.0.113.9"), Map.entry("X-Forwarded-Proto", "https"),
			Map.entry("Cookie", "JSESSIONID=nope"), Map.entry("Expect", "100-continue"),
			Map.entry("X-Odd", "\u00e9\u00ff\u0000"), Map.entry("Origin", "http://evil.example") };

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
