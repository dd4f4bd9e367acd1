package bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Command-line options ({@code --name=value}; a bare {@code --flag} means true). */
final class Options {

	// what to run
	List<String> systems = List.of("ours", "ours-nondurable", "ours-lowpause", "sas-bcrypt", "sas-noop", "navikt");
	boolean eddsa = false; // adds "ours-eddsa"
	String pgUrl = null; // ours-pg, ours-pg2: jdbc:postgresql://host:port/db, emptied before each of them
	String pgUser = "postgres";
	String pgPassword = "";
	boolean ceiling = true;
	boolean mixed = true;
	boolean halfPeak = true;
	List<Integer> sweep = List.of(1_000, 100_000, 1_000_000);
	List<Integer> connections = List.of(8, 128, 1_000); // closed-loop runs of ours at these connection counts
	int soak = 60; // seconds of mixed traffic on ours with a heap check; 0 = no soak
	String name = "latest"; // results file names: <out>/<name>.{json,md,png}

	// load shape
	int families = 1000;
	int concurrency = 8;
	int warmup = 30; // minimum; closed-loop warm-up goes on until throughput stops rising, at most maxWarmup
	int maxWarmup = 90;
	int duration = 15;
	int reps = 3;
	double rate = 0; // > 0: open loop at this many requests/s for the main (valid) runs
	double invalidFraction = 0.2;
	int mixedWarmup = 5;
	int mixedDuration = 15;
	int mixedReps = 1;
	int halfPeakWarmup = 5;
	int halfPeakDuration = 15;
	int sweepWarmup = 10;
	int sweepDuration = 10;
	int sweepReps = 3;
	int fillChunk = 100_000;
	int connectionsWarmup = 10; // fixed: ours is warm after its valid run
	int connectionsDuration = 10;
	int connectionsReps = 3;
	int familiesPerConnection = 2; // every worker owns at least this many families
	int soakHeapEvery = 10; // seconds between heap samples (each after a full GC) during the soak
	int ceilingSeconds = 5;
	int ceilingThreads = Runtime.getRuntime().availableProcessors();
	int requestTimeoutSeconds = 30;
	int maxMinutes = 60; // hard stop for the whole run
	int waitIdle = 120; // before each measured run, wait up to this many seconds for other processes to go quiet

	// where things are
	Path benchDir = Path.of("bench");
	Path mainJar = null; // default <bench>/../target/refresh-server.jar
	Path baselineJar = null; // default <bench>/baseline-sas/target/baseline-sas.jar
	Path naviktClasspath = null; // default <bench>/navikt/target/classpath.txt
	Path out = null; // default <bench>/results
	String serverJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
	String serverJvmOpts = "-Xms512m -Xmx2g";
	String lowPauseGc = null; // ours-lowpause only; default Proc.lowPauseCollector(serverJava)
	String naviktHttp = "NettyWrapper"; // its standalone default; MockWebServerWrapper stalls 40 ms (Nagle/delayed ACK)
	boolean keepWork = false;
	String label = "";

	// attach mode: drive an already running server instead of starting the systems
	String attach = null;
	String attachKind = "ours";
	long attachPid = -1;
	String adminToken = "bench-admin-token";

	static Options parse(String[] args) {
		Options o = new Options();
		Map<String, String> m = new LinkedHashMap<>();
		for (String a : args) {
			if (!a.startsWith("--")) {
				throw new IllegalArgumentException("unexpected argument: " + a);
			}
			int eq = a.indexOf('=');
			if (eq < 0) {
				m.put(a.substring(2), "true");
			}
			else {
				m.put(a.substring(2, eq), a.substring(eq + 1));
			}
		}
		if (m.containsKey("help")) {
			System.out.println(usage());
			System.exit(0);
		}
		if (Boolean.parseBoolean(m.getOrDefault("quick", "false"))) {
			o.families = 200;
			o.warmup = 3;
			o.maxWarmup = 3;
			o.duration = 5;
			o.reps = 1;
			o.mixedWarmup = 2;
			o.mixedDuration = 5;
			o.halfPeakWarmup = 2;
			o.halfPeakDuration = 5;
			o.sweep = List.of(1_000, 20_000);
			o.sweepWarmup = 2;
			o.sweepDuration = 5;
			o.sweepReps = 1;
			o.ceilingSeconds = 2;
			o.connectionsWarmup = 3;
			o.connectionsDuration = 5;
			o.connectionsReps = 1;
			o.soak = Math.min(o.soak, 20);
			o.soakHeapEvery = 5;
		}
		if (Boolean.parseBoolean(m.getOrDefault("reliability", "false"))) {
			// the reliability measurements only: durable vs non-durable, connections, soak
			o.systems = List.of("ours", "ours-nondurable");
			o.ceiling = false;
			o.sweep = List.of();
			o.halfPeak = false;
			o.mixed = false;
			o.name = "reliability";
		}
		for (Map.Entry<String, String> e : m.entrySet()) {
			String v = e.getValue();
			switch (e.getKey()) {
				case "quick", "help", "reliability" -> {
				}
				case "systems" -> o.systems = List.of(v.split(","));
				case "eddsa" -> o.eddsa = Boolean.parseBoolean(v);
				case "pg-url" -> o.pgUrl = v;
				case "pg-user" -> o.pgUser = v;
				case "pg-password" -> o.pgPassword = v;
				case "ceiling" -> o.ceiling = Boolean.parseBoolean(v);
				case "mixed" -> o.mixed = Boolean.parseBoolean(v);
				case "half-peak" -> o.halfPeak = Boolean.parseBoolean(v);
				case "sweep" -> o.sweep = off(v) ? List.of()
						: Arrays.stream(v.split(",")).map(Options::count).toList();
				case "no-sweep" -> o.sweep = Boolean.parseBoolean(v) ? List.of() : o.sweep;
				case "skip-1m" -> {
					if (Boolean.parseBoolean(v)) {
						o.sweep = o.sweep.stream().filter(n -> n < 1_000_000).toList();
					}
				}
				case "connections" -> o.connections = off(v) ? List.of()
						: Arrays.stream(v.split(",")).map(Options::count).sorted().distinct().toList();
				case "no-connections" -> o.connections = Boolean.parseBoolean(v) ? List.of() : o.connections;
				case "connections-warmup" -> o.connectionsWarmup = Integer.parseInt(v);
				case "connections-duration" -> o.connectionsDuration = Integer.parseInt(v);
				case "connections-reps" -> o.connectionsReps = Integer.parseInt(v);
				case "families-per-connection" -> o.familiesPerConnection = Integer.parseInt(v);
				case "soak" -> o.soak = off(v) ? 0 : Integer.parseInt(v);
				case "no-soak" -> o.soak = Boolean.parseBoolean(v) ? 0 : o.soak;
				case "soak-heap-every" -> o.soakHeapEvery = Integer.parseInt(v);
				case "name" -> o.name = v;
				case "families" -> o.families = count(v);
				case "concurrency" -> o.concurrency = Integer.parseInt(v);
				case "warmup" -> o.warmup = Integer.parseInt(v);
				case "max-warmup" -> o.maxWarmup = Integer.parseInt(v);
				case "duration" -> o.duration = Integer.parseInt(v);
				case "reps" -> o.reps = Integer.parseInt(v);
				case "rate" -> o.rate = Double.parseDouble(v);
				case "invalid-fraction" -> o.invalidFraction = Double.parseDouble(v);
				case "mixed-warmup" -> o.mixedWarmup = Integer.parseInt(v);
				case "mixed-duration" -> o.mixedDuration = Integer.parseInt(v);
				case "mixed-reps" -> o.mixedReps = Integer.parseInt(v);
				case "half-peak-warmup" -> o.halfPeakWarmup = Integer.parseInt(v);
				case "half-peak-duration" -> o.halfPeakDuration = Integer.parseInt(v);
				case "sweep-warmup" -> o.sweepWarmup = Integer.parseInt(v);
				case "sweep-duration" -> o.sweepDuration = Integer.parseInt(v);
				case "sweep-reps" -> o.sweepReps = Integer.parseInt(v);
				case "fill-chunk" -> o.fillChunk = count(v);
				case "ceiling-seconds" -> o.ceilingSeconds = Integer.parseInt(v);
				case "ceiling-threads" -> o.ceilingThreads = Integer.parseInt(v);
				case "request-timeout" -> o.requestTimeoutSeconds = Integer.parseInt(v);
				case "max-minutes" -> o.maxMinutes = Integer.parseInt(v);
				case "wait-idle" -> o.waitIdle = Integer.parseInt(v);
				case "bench-dir" -> o.benchDir = Path.of(v);
				case "main-jar" -> o.mainJar = Path.of(v);
				case "baseline-jar" -> o.baselineJar = Path.of(v);
				case "navikt-classpath" -> o.naviktClasspath = Path.of(v);
				case "out" -> o.out = Path.of(v);
				case "server-java" -> o.serverJava = v;
				case "server-jvm-opts" -> o.serverJvmOpts = v;
				case "low-pause-gc" -> o.lowPauseGc = v;
				case "navikt-http" -> o.naviktHttp = v;
				case "keep-work" -> o.keepWork = Boolean.parseBoolean(v);
				case "label" -> o.label = v;
				case "attach" -> o.attach = v;
				case "attach-kind" -> o.attachKind = v;
				case "attach-pid" -> o.attachPid = Long.parseLong(v);
				case "admin-token" -> o.adminToken = v;
				default -> throw new IllegalArgumentException("unknown option --" + e.getKey() + "\n" + usage());
			}
		}
		if (o.mainJar == null) {
			o.mainJar = o.benchDir.toAbsolutePath().getParent().resolve("target/refresh-server.jar");
		}
		if (o.baselineJar == null) {
			o.baselineJar = o.benchDir.resolve("baseline-sas/target/baseline-sas.jar");
		}
		if (o.naviktClasspath == null) {
			o.naviktClasspath = o.benchDir.resolve("navikt/target/classpath.txt");
		}
		if (o.out == null) {
			o.out = o.benchDir.resolve("results");
		}
		if (o.eddsa && !o.systems.contains("ours-eddsa")) {
			List<String> s = new ArrayList<>(o.systems);
			s.add(s.contains("ours") ? s.indexOf("ours") + 1 : s.size(), "ours-eddsa");
			o.systems = List.copyOf(s);
		}
		if (o.lowPauseGc == null && o.systems.contains("ours-lowpause")) {
			o.lowPauseGc = Proc.lowPauseCollector(o.serverJava);
		}
		if (o.soakHeapEvery < 1) {
			throw new IllegalArgumentException("need --soak-heap-every >= 1");
		}
		if (o.pgUrl == null && o.systems.stream().anyMatch(s -> s.startsWith("ours-pg"))) {
			throw new IllegalArgumentException("ours-pg and ours-pg2 need --pg-url=jdbc:postgresql://HOST:PORT/DB "
					+ "(a database for the bench: emptied before each of them)");
		}
		if (o.concurrency < 1 || o.families < o.concurrency) {
			throw new IllegalArgumentException("need concurrency >= 1 and families >= concurrency");
		}
		return o;
	}

	static boolean off(String v) {
		return v.isBlank() || v.equals("false") || v.equals("none") || v.equals("0");
	}

	/** "1000", "100k", "1M" */
	static int count(String v) {
		String s = v.trim().toLowerCase();
		int mul = 1;
		if (s.endsWith("k")) {
			mul = 1_000;
			s = s.substring(0, s.length() - 1);
		}
		else if (s.endsWith("m")) {
			mul = 1_000_000;
			s = s.substring(0, s.length() - 1);
		}
		return Math.toIntExact(Math.round(Double.parseDouble(s) * mul));
	}

	static String usage() {
		return """
				usage: bench/run.sh [options]        (or: java -jar bench/generator/target/bench-generator.jar [options])
				  --systems=ours,ours-nondurable,ours-lowpause,sas-bcrypt,sas-noop,navikt   systems to compare (also: ours-eddsa);
				                          ours-nondurable = ours with --refresh.store.durable-commits=false (H2's write delay):
				                          valid run only, reported beside ours as the cost of durable commits;
				                          ours-lowpause = ours with a low-pause collector, for p99 at half peak
				  --reliability           the reliability measurements only (~9 min): systems ours,ours-nondurable, no ceiling,
				                          sweep, half peak or mixed run; connections and soak; writes results/reliability.*
				  --eddsa                 also run our server with --refresh.signing-algorithm=EdDSA (ours-eddsa)
				  --pg-url=jdbc:postgresql://HOST:PORT/DB --pg-user=postgres --pg-password=
				                          ours-pg (not run by default): our server on that PostgreSQL database;
				                          ours-pg2 (not run by default): two instances of it on that database, half of the
				                          workers on each, e.g. --systems=ours-pg,ours-pg2 --pg-url=...; before each of them
				                          the bench drops the tables of the database's current schema if Refresh Server made
				                          them (Flyway's history table is there); any other non-empty schema is refused
				  --families=1000         token families per system (K); each worker refreshes its own share
				  --concurrency=8         concurrent workers (C), closed loop
				  --warmup=30 --duration=15 --reps=3   warm-up seconds (minimum), measured window seconds, windows (medians)
				  --max-warmup=90         closed loop: warm up at least --warmup s, then in 10 s slices until two slices
				                          in a row are not >3 % faster than the one before (JIT takes 60-90 s), at most this many s
				  --rate=R                open loop at R requests/s instead of closed loop (latency from intended start)
				  --mixed=true            mixed run: --invalid-fraction=0.2 (replays on sacrificial families,
				                          wrong secrets, garbage tokens); --mixed-warmup=5 --mixed-duration=15 --mixed-reps=1
				  --half-peak=true        p99 of ours at 50% of its measured peak (open loop)
				  --connections=8,128,1000  closed-loop runs of ours (warm, after its valid run) at these connection counts
				                          (run in ascending order),
				                          one worker = one keep-alive connection, >= --families-per-connection=2 families
				                          each; --connections-warmup=10 --connections-duration=10 --connections-reps=3;
				                          --no-connections (or --connections=none) to skip
				  --soak=60               seconds of mixed traffic (--invalid-fraction) on ours at full speed, closed loop;
				                          heap after a full GC (jcmd) at start, every --soak-heap-every=10 s, at the end;
				                          --no-soak (or --soak=0) to skip
				  --name=latest           results file names: <out>/<name>.{json,md,png} (--reliability: reliability)
				  --sweep=1k,100k,1M      stored-family sizes for the size sweep of ours; --skip-1m; --no-sweep
				  --sweep-warmup=10 --sweep-duration=10 --sweep-reps=3 --fill-chunk=100k
				  --ceiling=true          pure Nimbus signing ceiling (RS256 and ES256 with the JDK and AWS-LC, EdDSA), --ceiling-seconds=5
				  --server-java=PATH      java binary for the servers and the ceiling (default: this JVM)
				  --server-jvm-opts="-Xms512m -Xmx2g"   same JVM options for every server (G1, the JVM's default)
				  --low-pause-gc=-XX:+UseShenandoahGC   added for ours-lowpause only (default Shenandoah, else ZGC)
				  --navikt-http=NettyWrapper|MockWebServerWrapper (default NettyWrapper, as its standalone main)
				  --main-jar=PATH --baseline-jar=PATH --navikt-classpath=FILE --out=DIR --label=TEXT
				  --quick                 smoke preset (small, ~5 minutes; with --reliability ~4 minutes)
				  --attach=http://127.0.0.1:9000 --attach-kind=ours|sas|navikt --admin-token=T
				                          --attach-pid=PID (the attached server's CPU per request)
				                          drive an already running server (no start/stop; no sweep, no ceiling)
				  --wait-idle=120         before each measured run wait (at most this many s) until no other process
				                          uses the CPU (the box is shared); 0 = don't wait. Busy windows are flagged.
				  --max-minutes=60        hard stop for the whole run
				""";
	}
}
