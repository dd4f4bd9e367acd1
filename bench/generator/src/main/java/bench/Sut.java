package bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import bench.Load.Family;

/** A system under test: how to start it, where its token endpoint is, how to mint a token family. */
abstract class Sut {

	final String name;

	final String description;

	String baseUrl;

	Proc proc;

	/** The pid of an attached server (--attach-pid), for its CPU time; -1 when unknown. */
	long attachedPid = -1;

	final String clientId = "demo-client";

	final String clientSecret = "demo-secret";

	Sut(String name, String description) {
		this.name = name;
		this.description = description;
	}

	abstract String tokenPath();

	/** Starts the server on a free loopback port with its own data dir under {@code work}. */
	abstract void start(Options o, Path work) throws Exception;

	/** Starts the system and waits until it answers, at most {@code seconds}. */
	void up(Options o, Path work, Http http, int seconds) throws Exception {
		start(o, work);
		awaitReady(http, seconds);
	}

	/** The server processes this bench started for the system (none when attached). */
	List<Proc> procs() {
		return this.proc == null ? List.of() : List.of(this.proc);
	}

	/** The pids whose CPU time is the server's: every started process, or the attached one. */
	long[] serverPids() {
		List<Proc> ps = procs();
		if (ps.isEmpty()) {
			return this.attachedPid > 0 ? new long[] { this.attachedPid } : new long[0];
		}
		return ps.stream().mapToLong(Proc::pid).toArray();
	}

	/** Where it runs, for the log: its URL and pid(s). */
	String where() {
		return this.baseUrl + " (pid " + procs().stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining(", "))
				+ ")";
	}

	/** How many instances share the load; worker {@code w} sends to instance {@link #instanceOf}. */
	int instances() {
		return 1;
	}

	int instanceOf(int worker) {
		return 0;
	}

	/** The token endpoint worker {@code worker} sends to. */
	String tokenUrl(int worker) {
		return tokenUrl();
	}

	abstract String readyPath();

	/** Mints one family (a fresh grant) and returns its refresh token. */
	abstract String mintOne(Http http, int index) throws Exception;

	boolean supportsBulk() {
		return false;
	}

	/** Creates {@code count} filler families in the store; returns how many were created. */
	long bulk(Http http, int count) throws Exception {
		throw new UnsupportedOperationException();
	}

	String tokenUrl() {
		return this.baseUrl + tokenPath();
	}

	int port() {
		return URI.create(this.baseUrl).getPort();
	}

	void stop() {
		if (this.proc != null) {
			this.proc.stop();
			this.proc = null;
		}
	}

	void awaitReady(Http http, int seconds) throws Exception {
		long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
		Exception last = null;
		while (System.nanoTime() < deadline) {
			if (this.proc != null && !this.proc.alive()) {
				throw new IllegalStateException(this.name + " exited during start-up:\n" + this.proc.logTail(40));
			}
			try {
				HttpResponse<String> r = http.get(this.baseUrl + readyPath());
				if (r.statusCode() == 200) {
					return;
				}
			}
			catch (IOException ex) {
				last = ex;
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException(this.name + " not ready after " + seconds + " s (" + last + ")\n"
				+ (this.proc != null ? this.proc.logTail(40) : ""));
	}

	/** Mints {@code n} families with a few threads; fails if any mint fails. */
	List<Family> mint(Http http, int n, int threads, int firstIndex) throws Exception {
		Family[] out = new Family[n];
		AtomicInteger next = new AtomicInteger();
		ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(threads, n)));
		try {
			List<Future<?>> fs = new ArrayList<>();
			for (int t = 0; t < Math.max(1, Math.min(threads, n)); t++) {
				fs.add(pool.submit(() -> {
					int i;
					while ((i = next.getAndIncrement()) < n) {
						out[i] = new Family(firstIndex + i, mintOne(http, firstIndex + i));
					}
					return null;
				}));
			}
			for (Future<?> f : fs) {
				f.get();
			}
		}
		finally {
			pool.shutdownNow();
		}
		return List.of(out);
	}

	static Proc launch(String name, Options o, List<String> args, Map<String, String> env, Path work)
			throws IOException {
		Path dir = Files.createDirectories(work.resolve(name));
		return Proc.start(name, args, env, dir, dir.resolve("server.log"));
	}

	/** Servers with Refresh Server's admin API: ours, and the SAS baseline which mirrors it. */
	abstract static class AdminMinted extends Sut {

		String adminToken = "bench-admin-" + Long.toHexString(System.nanoTime());

		AdminMinted(String name, String description) {
			super(name, description);
		}

		@Override
		String tokenPath() {
			return "/oauth2/token";
		}

		@Override
		String mintOne(Http http, int index) throws Exception {
			HttpResponse<String> r = http.postForm(this.baseUrl + "/admin/grants", "Bearer " + this.adminToken,
					"client_id=" + Http.form(this.clientId) + "&subject=user-" + index + "&scope="
							+ Http.form("read write"));
			String rt = r.statusCode() == 200 ? Http.jsonString(r.body(), "refresh_token") : null;
			if (rt == null) {
				throw new IllegalStateException(this.name + ": POST /admin/grants -> " + r.statusCode() + " "
						+ abbreviate(r.body()));
			}
			return rt;
		}
	}

	static final class Ours extends AdminMinted {

		final String alg;

		final boolean lowPause;

		final boolean durable;

		final boolean postgres;

		/** Empty the PostgreSQL schema of --pg-url before starting (false for an instance that joins another). */
		boolean freshDatabase = true;

		/** The signing and sealing keys' directory; null: its own, under its work dir. */
		Path keysDir;

		Ours(String name, String alg, boolean lowPause) {
			this(name, alg, lowPause, true, false);
		}

		Ours(String name, String alg, boolean lowPause, boolean durable, boolean postgres) {
			super(name, "Refresh Server (this repo), " + alg + ", rotation, " + (postgres ? "PostgreSQL" : "H2 file")
					+ ", client_secret_basic" + (lowPause ? ", low-pause collector" : "")
					+ (durable ? "" : ", durable-commits=false (H2's 500 ms write delay: a crash loses acknowledged rotations)"));
			this.alg = alg;
			this.lowPause = lowPause;
			this.durable = durable;
			this.postgres = postgres;
		}

		@Override
		void start(Options o, Path work) throws Exception {
			if (this.postgres && this.freshDatabase) {
				Main.log("   %s", Postgres.empty(o));
			}
			int port = Proc.freePort();
			this.baseUrl = "http://127.0.0.1:" + port;
			Path dir = work.resolve(this.name);
			Path keys = this.keysDir != null ? this.keysDir : dir.resolve("keys");
			List<String> cmd = new ArrayList<>();
			cmd.add(o.serverJava);
			cmd.addAll(Proc.split(o.serverJvmOpts));
			if (this.lowPause) {
				cmd.addAll(Proc.split(o.lowPauseGc));
			}
			cmd.addAll(List.of("-jar", o.mainJar.toAbsolutePath().toString(), "--server.port=" + port,
					"--server.address=127.0.0.1", "--refresh.data-dir=" + dir.resolve("data"),
					"--refresh.keys-dir=" + keys, "--refresh.admin.token=" + this.adminToken,
					// /admin only mints here: the token endpoint runs as in production, unobserved
					"--refresh.admin.observe-clients=false"));
			if (!"RS256".equals(this.alg)) {
				cmd.add("--refresh.signing-algorithm=" + this.alg);
			}
			if (!this.durable) {
				cmd.add("--refresh.store.durable-commits=false");
			}
			if (this.postgres) {
				cmd.addAll(List.of("--spring.datasource.url=" + o.pgUrl, "--spring.datasource.username=" + o.pgUser,
						"--spring.datasource.password=" + o.pgPassword));
			}
			this.proc = launch(this.name, o, cmd, Map.of(), work);
		}

		@Override
		String readyPath() {
			return "/actuator/health";
		}

		@Override
		boolean supportsBulk() {
			return true;
		}

		@Override
		long bulk(Http http, int count) throws Exception {
			HttpResponse<String> r = http.postForm(this.baseUrl + "/admin/grants/bulk", "Bearer " + this.adminToken,
					"client_id=" + Http.form(this.clientId) + "&subject=filler&scope=read&count=" + count,
					Duration.ofMinutes(10));
			long created = r.statusCode() == 200 ? Http.jsonLong(r.body(), "created") : -1;
			if (created < 0) {
				throw new IllegalStateException(this.name + ": POST /admin/grants/bulk -> " + r.statusCode() + " "
						+ abbreviate(r.body()));
			}
			return created;
		}
	}

	/**
	 * ours-pg2: two instances of our jar on one PostgreSQL database, each started like ours-pg (own port and
	 * data dir) but with one keys directory, as README's "Running several instances" says; A comes up alone
	 * first (it creates the tables and the keys), then B. Every family is minted on A; worker w sends to
	 * instance w % 2, so half of the workers, and the families they own, are served by B: a family minted
	 * on A refreshes on B.
	 */
	static final class OursPair extends AdminMinted {

		final List<Ours> nodes;

		OursPair(String name) {
			super(name, "two instances of Refresh Server (this repo) on one PostgreSQL database, RS256, rotation, "
					+ "client_secret_basic, one keys directory; families minted on A, half of the workers (and the "
					+ "families they own) on A, half on B; server CPU = both JVMs");
			this.nodes = List.of(new Ours(name + "-a", "RS256", false, true, true),
					new Ours(name + "-b", "RS256", false, true, true));
			this.nodes.get(1).freshDatabase = false; // B joins A's database
			for (Ours n : this.nodes) {
				n.adminToken = this.adminToken;
			}
		}

		/** Starts instance A (it empties the database and creates the keys); {@link #up} then adds B. */
		@Override
		void start(Options o, Path work) throws Exception {
			Path keys = work.resolve(this.name).resolve("keys");
			for (Ours n : this.nodes) {
				n.keysDir = keys;
			}
			this.nodes.get(0).start(o, work);
			this.baseUrl = this.nodes.get(0).baseUrl;
		}

		@Override
		void up(Options o, Path work, Http http, int seconds) throws Exception {
			start(o, work);
			this.nodes.get(0).awaitReady(http, seconds);
			this.nodes.get(1).up(o, work, http, seconds);
		}

		@Override
		String readyPath() {
			return this.nodes.get(0).readyPath();
		}

		@Override
		List<Proc> procs() {
			return this.nodes.stream().flatMap(n -> n.procs().stream()).toList();
		}

		@Override
		String where() {
			return this.nodes.stream().map(n -> (n == this.nodes.get(0) ? "A " : "B ") + n.where())
				.collect(Collectors.joining(" and "));
		}

		@Override
		int instances() {
			return this.nodes.size();
		}

		@Override
		int instanceOf(int worker) {
			return worker % this.nodes.size();
		}

		@Override
		String tokenUrl(int worker) {
			return this.nodes.get(instanceOf(worker)).tokenUrl();
		}

		@Override
		void stop() {
			for (int i = this.nodes.size() - 1; i >= 0; i--) {
				this.nodes.get(i).stop();
			}
		}
	}

	static final class Sas extends AdminMinted {

		final String encoder;

		Sas(String name, String encoder) {
			super(name, "stock Spring Authorization Server (Boot 4.1.2), JdbcOAuth2AuthorizationService on H2 file, "
					+ "reuse-refresh-tokens=false, client secret "
					+ ("bcrypt".equals(encoder) ? "{bcrypt} (Boot/Security default DelegatingPasswordEncoder)"
							: "{noop} (cheap encoder)"));
			this.encoder = encoder;
		}

		@Override
		void start(Options o, Path work) throws Exception {
			int port = Proc.freePort();
			this.baseUrl = "http://127.0.0.1:" + port;
			Path dir = work.resolve(this.name);
			List<String> cmd = new ArrayList<>();
			cmd.add(o.serverJava);
			cmd.addAll(Proc.split(o.serverJvmOpts));
			cmd.addAll(List.of("-jar", o.baselineJar.toAbsolutePath().toString(), "--server.port=" + port,
					"--server.address=127.0.0.1", "--baseline.data-dir=" + dir.resolve("data"),
					"--baseline.admin-token=" + this.adminToken, "--baseline.encoder=" + this.encoder));
			this.proc = launch(this.name, o, cmd, Map.of(), work);
		}

		@Override
		String readyPath() {
			return "/admin/health";
		}
	}

	/** navikt mock-oauth2-server, standalone, families from the authorization-code flow (no login). */
	static final class Navikt extends Sut {

		static final String REDIRECT = "http://127.0.0.1/callback";

		String httpServer = "NettyWrapper";

		Navikt() {
			super("navikt", "navikt mock-oauth2-server 6.0.2 standalone, rotateRefreshToken=true, RS256, in memory");
		}

		@Override
		String tokenPath() {
			return "/default/token";
		}

		@Override
		String readyPath() {
			return "/isalive";
		}

		@Override
		void start(Options o, Path work) throws Exception {
			this.httpServer = o.naviktHttp;
			int port = Proc.freePort();
			this.baseUrl = "http://127.0.0.1:" + port;
			String cp = Files.readString(o.naviktClasspath).trim();
			List<String> cmd = new ArrayList<>();
			cmd.add(o.serverJava);
			cmd.addAll(Proc.split(o.serverJvmOpts));
			cmd.addAll(List.of("-cp", cp, "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt"));
			String json = "{\"interactiveLogin\":false,\"rotateRefreshToken\":true,\"httpServer\":\"" + this.httpServer
					+ "\",\"tokenProvider\":{\"keyProvider\":{\"algorithm\":\"RS256\"}}}";
			this.proc = launch(this.name, o, cmd,
					Map.of("SERVER_HOSTNAME", "127.0.0.1", "SERVER_PORT", Integer.toString(port), "JSON_CONFIG", json),
					work);
		}

		@Override
		String mintOne(Http http, int index) throws Exception {
			String authorize = this.baseUrl + "/default/authorize?client_id=" + Http.form(this.clientId)
					+ "&response_type=code&redirect_uri=" + Http.form(REDIRECT) + "&scope="
					+ Http.form("openid read write") + "&state=s" + index;
			HttpResponse<String> r = http.get(authorize);
			String location = r.headers().firstValue("location").orElse(null);
			if (r.statusCode() != 302 || location == null || !location.contains("code=")) {
				throw new IllegalStateException("navikt authorize -> " + r.statusCode() + " " + abbreviate(r.body()));
			}
			String code = location.replaceFirst(".*[?&]code=([^&]*).*", "$1");
			HttpResponse<String> t = http.postForm(this.baseUrl + tokenPath(), Http.basic(this.clientId, this.clientSecret),
					"grant_type=authorization_code&code=" + code + "&redirect_uri=" + Http.form(REDIRECT));
			String rt = t.statusCode() == 200 ? Http.jsonString(t.body(), "refresh_token") : null;
			if (rt == null) {
				throw new IllegalStateException("navikt code exchange -> " + t.statusCode() + " " + abbreviate(t.body()));
			}
			return rt;
		}
	}

	static Sut of(String name) {
		return switch (name) {
			case "ours" -> new Ours("ours", "RS256", false);
			case "ours-nondurable" -> new Ours("ours-nondurable", "RS256", false, false, false);
			case "ours-lowpause" -> new Ours("ours-lowpause", "RS256", true);
			case "ours-eddsa" -> new Ours("ours-eddsa", "EdDSA", false);
			case "ours-pg" -> new Ours("ours-pg", "RS256", false, true, true);
			case "ours-pg2" -> new OursPair("ours-pg2");
			case "sas-bcrypt" -> new Sas("sas-bcrypt", "bcrypt");
			case "sas-noop" -> new Sas("sas-noop", "noop");
			case "navikt" -> new Navikt();
			default -> throw new IllegalArgumentException("unknown system " + name);
		};
	}

	static String abbreviate(String s) {
		if (s == null) {
			return "";
		}
		s = s.replaceAll("\\s+", " ");
		return s.length() > 300 ? s.substring(0, 300) + "..." : s;
	}
}
