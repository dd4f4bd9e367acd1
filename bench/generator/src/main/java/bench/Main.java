package bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * Side-by-side refresh_token benchmark: starts each system on a free loopback port with its own temp
 * data dir, mints token families, warms up, measures, stops it; then the size sweep of our server;
 * writes bench/results/latest.{json,md,png}. Everything is bounded in time and stops by itself.
 */
public final class Main {

	public static void main(String[] args) throws Exception {
		System.setProperty("java.awt.headless", "true");
		Options o = Options.parse(args);
		Thread watchdog = new Thread(() -> {
			try {
				Thread.sleep(TimeUnit.MINUTES.toMillis(o.maxMinutes));
				System.err.println("bench: --max-minutes=" + o.maxMinutes + " reached, stopping");
				System.exit(3); // the shutdown hook stops every server
			}
			catch (InterruptedException ex) {
				// finished in time
			}
		}, "bench-watchdog");
		watchdog.setDaemon(true);
		watchdog.start();
		int rc = o.attach != null ? attach(o) : full(o);
		watchdog.interrupt();
		System.exit(rc);
	}

	static int full(Options o) throws Exception {
		Proc.pidFile = o.benchDir.resolve(".server-pids");
		Path work = Files.createTempDirectory("refresh-bench-");
		Http http = new Http(o.requestTimeoutSeconds);
		Report rep = new Report(o);
		describeMachine(rep, o);
		log("bench: work dir %s, results -> %s", work, o.out);
		log("bench: servers' java: %s", firstLine(String.valueOf(rep.machine.get("server_java"))));
		try {
			if (o.ceiling) {
				ceiling(o, rep);
				rep.write();
			}
			for (String name : o.systems) {
				runSystem(o, http, rep, name, work);
				rep.write();
			}
			if (!o.sweep.isEmpty()) {
				sweep(o, http, rep, work);
			}
		}
		finally {
			rep.finished = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
			rep.write();
			if (!o.keepWork) {
				deleteTree(work);
			}
		}
		System.out.println();
		System.out.println(Files.readString(rep.file("md")));
		printRatios(rep);
		return 0;
	}

	static void printRatios(Report rep) {
		for (String ours : List.of("ours", "ours-eddsa")) {
			for (String base : List.of("sas-bcrypt", "sas-noop", "navikt")) {
				double r = rep.ratio(ours, base);
				if (!Double.isNaN(r)) {
					log("RATIO %s/%s = %.2fx", ours, base, r);
				}
			}
		}
		if (!Double.isNaN(rep.ratio("ours", "ours-nondurable"))) {
			log("RATIO ours/ours-nondurable = %.3f (durable commits cost %.1f %%)", rep.ratio("ours", "ours-nondurable"),
					100 * (1 - rep.ratio("ours", "ours-nondurable")));
		}
		for (Report.Target t : rep.reliabilityChecks()) {
			log("CHECK %s: %s (goal %s) %s", t.what(), t.shown(), t.goal(), t.met() ? "met" : "NOT MET");
		}
	}

	static boolean prerequisite(Options o, String name, Report.SystemResult sr) {
		Path need = name.startsWith("ours") ? o.mainJar
				: name.startsWith("sas") ? o.baselineJar : name.equals("navikt") ? o.naviktClasspath : null;
		if (need != null && !Files.isRegularFile(need)) {
			sr.error = "not run: " + need + " is missing (build it first; bench/run.sh does)";
			log("bench: %s %s", name, sr.error);
			return false;
		}
		return true;
	}

	/** Systems measured by their valid run only: ours with one setting changed, compared on throughput. */
	static final Set<String> VALID_ONLY = Set.of("ours-nondurable");

	static void runSystem(Options o, Http http, Report rep, String name, Path work) throws IOException {
		Sut s = Sut.of(name);
		Report.SystemResult sr = rep.system(name, s.description);
		if (!prerequisite(o, name, sr)) {
			return;
		}
		log("== %s: %s", name, s.description);
		try {
			long t0 = System.nanoTime();
			s.up(o, work, http, 240);
			sr.startSeconds = (System.nanoTime() - t0) / 1e9;
			log("   up at %s in %.1f s", s.where(), sr.startSeconds);
			t0 = System.nanoTime();
			List<Load.Family> fams = s.mint(http, o.families, 4, 0);
			sr.mintSeconds = (System.nanoTime() - t0) / 1e9;
			log("   minted %d families in %.1f s", fams.size(), sr.mintSeconds);

			Load load = new Load(http, s, o.maxWarmup);
			Load.Plan valid = new Load.Plan(name + "/valid", Load.Mode.VALID, o.concurrency, o.rate, o.warmup, o.duration,
					o.reps, 0);
			log("   valid refreshes: warm-up %d s, %d x %d s %s", o.warmup, o.reps, o.duration,
					o.rate > 0 ? "open loop at " + o.rate + "/s" : "closed loop, " + o.concurrency + " workers");
			waitIdle(o, s);
			sr.valid = load.run(valid, fams, null);
			summary(sr.valid);
			rep.write();

			List<Load.Family> live = fams.stream().filter(f -> !f.dead).toList();
			if (o.halfPeak && name.startsWith("ours") && !VALID_ONLY.contains(name) && o.rate <= 0
					&& sr.valid.refreshPerSec() > 0 && live.size() >= o.concurrency) {
				double rate = sr.valid.refreshPerSec() / 2;
				log("   half of peak: open loop at %.0f/s, warm-up %d s, %d s", rate, o.halfPeakWarmup, o.halfPeakDuration);
				waitIdle(o, s);
				sr.halfPeak = load.run(new Load.Plan(name + "/half-peak", Load.Mode.VALID, o.concurrency, rate,
						o.halfPeakWarmup, o.halfPeakDuration, 1, 0), live, null);
				summary(sr.halfPeak);
				rep.write();
				live = fams.stream().filter(f -> !f.dead).toList();
			}

			// ours-lowpause differs from ours only in its collector: its mixed run would tell nothing new
			if (o.mixed && !name.equals("ours-lowpause") && !VALID_ONLY.contains(name) && live.size() >= o.concurrency) {
				ConcurrentLinkedQueue<Load.Family> sacrificial = sacrificial(o, http, s, sr.valid.refreshPerSec(),
						o.mixedWarmup + (double) o.mixedReps * o.mixedDuration);
				log("   mixed: warm-up %d s, %d x %d s, %.0f %% invalid", o.mixedWarmup, o.mixedReps, o.mixedDuration,
						100 * o.invalidFraction);
				waitIdle(o, s);
				sr.mixed = load.run(new Load.Plan(name + "/mixed", Load.Mode.MIXED, o.concurrency, 0, o.mixedWarmup,
						o.mixedDuration, o.mixedReps, o.invalidFraction).fixedWarmup(), live, sacrificial);
				summary(sr.mixed);
				rep.write();
			}

			// reliability: connection counts and the soak, on the warm server
			if (name.equals("ours") && !o.connections.isEmpty()) {
				connections(o, http, rep, s, load, fams);
			}
			if (name.equals("ours") && o.soak > 0) {
				soak(o, http, rep, s, load, fams, sr.valid.refreshPerSec());
			}
		}
		catch (Exception ex) {
			sr.error = ex.getClass().getSimpleName() + ": " + ex.getMessage();
			log("   FAILED: %s", sr.error);
			logTails(s);
		}
		finally {
			s.stop();
		}
	}

	static void logTails(Sut s) {
		for (Proc p : s.procs()) {
			log("   last lines of %s:\n%s", p.log, p.logTail(30));
		}
	}

	/**
	 * Sacrificial families for the replays of a mixed run of {@code seconds} (warm-up included) at about
	 * the valid run's speed: one is rotated, then replayed, per cycle of 3 invalid requests.
	 */
	static ConcurrentLinkedQueue<Load.Family> sacrificial(Options o, Http http, Sut s, double refreshPerSec,
			double seconds) throws Exception {
		double est = Math.max(1, refreshPerSec) * 1.3;
		int pairs = (int) Math.ceil(est * o.invalidFraction / 3 * seconds * 1.5) + 2 * o.concurrency;
		long t0 = System.nanoTime();
		ConcurrentLinkedQueue<Load.Family> q = new ConcurrentLinkedQueue<>(s.mint(http, pairs, 4, o.families));
		log("   minted %d sacrificial families for replays in %.1f s", pairs, (System.nanoTime() - t0) / 1e9);
		return q;
	}

	/**
	 * Closed-loop runs of the warm server at each connection count of {@code --connections}: one worker per
	 * connection (the JDK client opens one connection per request in flight and keeps it alive), each
	 * worker owning at least {@code --families-per-connection} families (the missing ones are minted first).
	 * The most ESTABLISHED connections on the server's port are sampled every second during each run.
	 */
	static void connections(Options o, Http http, Report rep, Sut s, Load load, List<Load.Family> fams) {
		try {
			List<Load.Family> live = new ArrayList<>(fams.stream().filter(f -> !f.dead).toList());
			int missing = Collections.max(o.connections) * o.familiesPerConnection - live.size();
			if (missing > 0) {
				long t0 = System.nanoTime();
				live.addAll(s.mint(http, missing, 4, o.families + 1_000_000));
				log("   connections: minted %d more families in %.1f s", missing, (System.nanoTime() - t0) / 1e9);
			}
			for (int n : o.connections) {
				List<Load.Family> mine = live.stream().filter(f -> !f.dead).toList();
				if (mine.size() < n) {
					throw new IllegalStateException("too few live families for " + n + " connections: " + mine.size());
				}
				log("   %,d connections: %,d families, warm-up %d s, %d x %d s", n, mine.size(), o.connectionsWarmup,
						o.connectionsReps, o.connectionsDuration);
				waitIdle(o, s);
				AtomicInteger seen = new AtomicInteger(-1);
				Load.Result r = withProbe(1, () -> seen.accumulateAndGet(Proc.established(s.port()), Math::max),
						() -> load.run(new Load.Plan(s.name + "/connections-" + n, Load.Mode.VALID, n, 0, o.connectionsWarmup,
								o.connectionsDuration, o.connectionsReps, 0).fixedWarmup(), mine, null));
				rep.connections.add(new Report.ConnectionPoint(n, seen.get(), r));
				summary(r);
				log("   %,d connections: at most %,d established at the server", n, seen.get());
				rep.write();
			}
		}
		catch (Exception ex) {
			rep.connectionsError = ex.getClass().getSimpleName() + ": " + ex.getMessage();
			log("   connections FAILED: %s", rep.connectionsError);
		}
	}

	/**
	 * Mixed valid and invalid traffic at full speed (closed loop) for {@code --soak} seconds, in windows of
	 * {@code --soak-heap-every} seconds that all count, disturbed or not; the server's used heap after a
	 * full GC (jcmd) before the traffic, every window's length during it, and after it.
	 */
	static void soak(Options o, Http http, Report rep, Sut s, Load load, List<Load.Family> fams, double refreshPerSec) {
		try {
			List<Load.Family> live = fams.stream().filter(f -> !f.dead).toList();
			int windows = Math.max(1, (o.soak + o.soakHeapEvery - 1) / o.soakHeapEvery);
			ConcurrentLinkedQueue<Load.Family> sacrificial = sacrificial(o, http, s, refreshPerSec,
					(double) windows * o.soakHeapEvery);
			log("   soak: %d x %d s of mixed traffic, %.0f %% invalid, heap after a full GC every %d s", windows,
					o.soakHeapEvery, 100 * o.invalidFraction, o.soakHeapEvery);
			String jcmd = Proc.jcmd(o.serverJava);
			List<Report.HeapSample> heap = new CopyOnWriteArrayList<>();
			waitIdle(o, s);
			long t0 = System.nanoTime();
			Runnable sample = () -> {
				Report.HeapSample h = new Report.HeapSample((System.nanoTime() - t0) / 1e9, s.proc.heapUsedAfterGc(jcmd));
				heap.add(h);
				log("   (soak: heap after GC at %.0f s: %s)", h.atSeconds(), Report.mb(h.usedBytes()));
			};
			sample.run();
			Load.Result r = withProbe(o.soakHeapEvery, sample, () -> load.run(new Load.Plan(s.name + "/soak", Load.Mode.MIXED,
					o.concurrency, 0, 0, o.soakHeapEvery, windows, o.invalidFraction).fixedWarmup().everyWindow(), live,
					sacrificial));
			sample.run();
			rep.soak = new Report.Soak(r, List.copyOf(heap));
			summary(r);
			log("   soak: %d unexpected errors; heap %s", Report.unexpected(r), rep.soak.heapFlat() ? "flat" : "GREW");
			rep.write();
		}
		catch (Exception ex) {
			rep.soakError = ex.getClass().getSimpleName() + ": " + ex.getMessage();
			log("   soak FAILED: %s", rep.soakError);
		}
	}

	/**
	 * Runs {@code body}; meanwhile runs {@code probe} every {@code periodSeconds} on a thread of its own.
	 * A probe under way when the body ends is let finish (not interrupted: it may be waiting for jcmd).
	 */
	static <T> T withProbe(int periodSeconds, Runnable probe, Callable<T> body) throws Exception {
		AtomicBoolean done = new AtomicBoolean();
		Thread t = new Thread(() -> {
			long next = System.nanoTime();
			while (true) {
				next += periodSeconds * 1_000_000_000L;
				while (System.nanoTime() < next) {
					if (done.get()) {
						return;
					}
					LockSupport.parkNanos(100_000_000L);
				}
				probe.run();
			}
		}, "bench-probe");
		t.setDaemon(true);
		t.start();
		try {
			return body.call();
		}
		finally {
			done.set(true);
			t.join(120_000);
		}
	}

	/** The size of the H2 files under {@code dir} (after the timed load of a sweep point). */
	static long bytesOnDisk(Path dir) throws IOException {
		if (!Files.isDirectory(dir)) {
			return -1;
		}
		try (var files = Files.walk(dir)) {
			return files.filter(Files::isRegularFile).mapToLong((f) -> f.toFile().length()).sum();
		}
	}

	static void sweep(Options o, Http http, Report rep, Path work) throws IOException {
		Sut.Ours s = new Sut.Ours("ours-sweep", "RS256", false);
		if (!Files.isRegularFile(o.mainJar)) {
			rep.sweepError = "not run: " + o.mainJar + " is missing";
			return;
		}
		List<Integer> sizes = o.sweep.stream().sorted().toList();
		int active = Math.min(o.families, sizes.get(0));
		log("== size sweep of ours: %s stored families (%d active)", sizes, active);
		try {
			s.up(o, work, http, 240);
			List<Load.Family> fams = s.mint(http, active, 4, 0);
			long stored = active;
			Load load = new Load(http, s, o.maxWarmup);
			for (int size : sizes) {
				double fill = 0;
				if (size > stored) {
					long t0 = System.nanoTime();
					while (stored < size) {
						int chunk = (int) Math.min(o.fillChunk, size - stored);
						long created = s.bulk(http, chunk);
						if (created <= 0) {
							throw new IllegalStateException("bulk fill created " + created);
						}
						stored += created;
						log("   filled %,d / %,d (%.0f s)", stored, size, (System.nanoTime() - t0) / 1e9);
					}
					fill = (System.nanoTime() - t0) / 1e9;
				}
				List<Load.Family> live = fams.stream().filter(f -> !f.dead).toList();
				if (live.size() < o.concurrency) {
					throw new IllegalStateException("too few live families left: " + live.size());
				}
				// the first point runs on a fresh JVM: give it the full warm-up
				waitIdle(o, s);
				int warm = rep.sweep.isEmpty() ? Math.max(o.sweepWarmup, o.warmup) : o.sweepWarmup;
				Load.Plan plan = new Load.Plan("sweep-" + Report.human(size), Load.Mode.VALID, o.concurrency, 0, warm,
						o.sweepDuration, o.sweepReps, 0);
				Load.Result r = load.run(rep.sweep.isEmpty() ? plan : plan.fixedWarmup(), live, null);
				rep.sweep.add(new Report.SweepPoint(size, fill, r, bytesOnDisk(work.resolve(s.name).resolve("data"))));
				summary(r);
				rep.write();
			}
		}
		catch (Exception ex) {
			rep.sweepError = ex.getClass().getSimpleName() + ": " + ex.getMessage();
			log("   sweep FAILED: %s", rep.sweepError);
			logTails(s);
		}
		finally {
			s.stop();
		}
	}

	/**
	 * Runs bench.Ceiling in a child JVM with the servers' java, on a quiet box; if other processes used
	 * the CPU meanwhile, runs it once more and keeps the quieter attempt.
	 */
	static void ceiling(Options o, Report rep) {
		log("== signing ceiling: pure Nimbus, %d threads, %d s per algorithm", o.ceilingThreads, o.ceilingSeconds);
		try {
			String jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
			String best = null;
			double bestOther = Double.MAX_VALUE;
			for (int attempt = 1; attempt <= 2 && bestOther > Load.DISTURBED_CORES; attempt++) {
				waitIdle(o, null);
				Cpu.Sample a = Cpu.sample();
				long t0 = System.nanoTime();
				Process p = new ProcessBuilder(o.serverJava, "-cp", jar, "bench.Ceiling", "--seconds=" + o.ceilingSeconds,
						"--threads=" + o.ceilingThreads).redirectErrorStream(true).start();
				String out;
				try {
					if (!p.waitFor(3 * (o.ceilingSeconds + 10) + 30, TimeUnit.SECONDS)) {
						throw new IllegalStateException("ceiling run timed out");
					}
					out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				}
				finally {
					p.destroyForcibly();
				}
				Cpu.Sample b = Cpu.sample();
				double wall = (System.nanoTime() - t0) / 1e9;
				double child = 0;
				for (String line : out.split("\n")) {
					if (line.startsWith("cpu ")) {
						child = Double.parseDouble(line.substring(4).trim());
					}
				}
				double other = Math.max(0, (b.machineBusy() - a.machineBusy()) - (b.generator() - a.generator()) - child)
						/ wall;
				if (Double.isNaN(other)) {
					other = 0;
				}
				if (other < bestOther) {
					bestOther = other;
					best = out;
				}
				if (other > Load.DISTURBED_CORES) {
					log("   (ceiling attempt %d disturbed: other processes used %.2f cores)", attempt, other);
				}
			}
			rep.ceilingOtherCores = bestOther;
			for (String line : best.split("\n")) {
				String[] f = line.trim().split(" ", 4);
				if (line.startsWith("java ")) {
					rep.ceilingJava = line.substring(5).trim();
				}
				else if (f.length >= 4 && f[0].equals("ceiling") && !f[2].equals("error")) {
					rep.ceiling.put(f[1], new double[] { Double.parseDouble(f[2]), Double.parseDouble(f[3]) });
					log("   %-6s %,10.0f signatures/s (%,.0f per thread)", f[1], Double.parseDouble(f[2]),
							Double.parseDouble(f[3]));
				}
				else if (f.length >= 3 && f[0].equals("ceiling")) {
					rep.ceilingErrors.put(f[1], line);
					log("   %s", line);
				}
			}
		}
		catch (Exception ex) {
			rep.ceilingErrors.put("all", String.valueOf(ex));
			log("   ceiling FAILED: %s", ex);
		}
	}

	/** Drives an already running server (no start/stop). */
	static int attach(Options o) throws Exception {
		Http http = new Http(o.requestTimeoutSeconds);
		Sut s = Sut.of(switch (o.attachKind) {
			case "ours" -> "ours";
			case "sas" -> "sas-noop";
			case "navikt" -> "navikt";
			default -> throw new IllegalArgumentException("--attach-kind must be ours, sas or navikt");
		});
		s.baseUrl = o.attach.replaceAll("/+$", "");
		s.attachedPid = o.attachPid;
		if (s instanceof Sut.AdminMinted a) {
			a.adminToken = o.adminToken;
		}
		Options out = o;
		if (o.out.equals(o.benchDir.resolve("results"))) {
			out.out = o.benchDir.resolve("results/attach");
		}
		Report rep = new Report(out);
		describeMachine(rep, o);
		Report.SystemResult sr = rep.system(o.attachKind + "@" + s.baseUrl, "attached: " + s.baseUrl);
		s.awaitReady(http, 30);
		List<Load.Family> fams = s.mint(http, o.families, 4, 0);
		Load load = new Load(http, s, o.maxWarmup);
		sr.valid = load.run(new Load.Plan("attach/valid", Load.Mode.VALID, o.concurrency, o.rate, o.warmup, o.duration,
				o.reps, 0), fams, null);
		summary(sr.valid);
		if (o.mixed) {
			List<Load.Family> live = fams.stream().filter(f -> !f.dead).toList();
			ConcurrentLinkedQueue<Load.Family> sacrificial = sacrificial(o, http, s, sr.valid.refreshPerSec(),
					o.mixedWarmup + (double) o.mixedReps * o.mixedDuration);
			sr.mixed = load.run(new Load.Plan("attach/mixed", Load.Mode.MIXED, o.concurrency, 0, o.mixedWarmup,
					o.mixedDuration, o.mixedReps, o.invalidFraction).fixedWarmup(), live, sacrificial);
			summary(sr.mixed);
		}
		rep.finished = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
		rep.write();
		System.out.println(Files.readString(rep.file("md")));
		return 0;
	}

	/**
	 * Waits (bounded) until the machine is quiet: less than 0.15 cores busy outside this JVM and the idle
	 * server for 3 consecutive seconds. The box is shared (builds, tests); this keeps them out of the numbers.
	 */
	static void waitIdle(Options o, Sut s) throws InterruptedException {
		if (o.waitIdle <= 0) {
			return;
		}
		long deadline = System.nanoTime() + o.waitIdle * 1_000_000_000L;
		long[] pids = s == null ? new long[0] : s.serverPids();
		int quiet = 0;
		boolean said = false;
		double other = 0;
		while (System.nanoTime() < deadline) {
			Cpu.Sample a = Cpu.sample(pids);
			Thread.sleep(1000);
			Cpu.Sample b = Cpu.sample(pids);
			double server = Double.isNaN(a.server()) ? 0 : b.server() - a.server();
			other = (b.machineBusy() - a.machineBusy()) - server - (b.generator() - a.generator());
			if (Double.isNaN(other) || other < 0.15) {
				if (++quiet >= 3) {
					if (said) {
						log("   box is quiet again");
					}
					return;
				}
			}
			else {
				quiet = 0;
				if (!said) {
					log("   other processes use %.2f cores: waiting up to %d s for a quiet box", other, o.waitIdle);
					said = true;
				}
			}
		}
		log("   box still busy (%.2f cores used by other processes): measuring anyway, see the 'other' column", other);
	}

	static void summary(Load.Result r) {
		String extra = r.plan.mode() == Load.Mode.MIXED
				? String.format(Locale.ROOT, ", %.1f req/s, invalid p99 %.2f ms, invalid accepted %d",
						r.requestsPerSec(), r.invalidMs(99), r.total.invalidAccepted)
				: "";
		log("   %-22s %,9.1f refresh/s  p50 %.2f  p90 %.2f  p99 %.2f  max %.1f ms  server %.2f ms CPU/req, cores server/gen/other %.2f/%.2f/%.2f%s%s",
				r.plan.label(), r.refreshPerSec(), r.validMs(50), r.validMs(90), r.validMs(99), r.validMs(100),
				r.serverCpuMsPerRequest(), r.serverCores(), r.generatorCores(), r.otherCores(), extra,
				r.errors().isEmpty() ? "" : "  errors " + r.errors());
	}

	static void describeMachine(Report rep, Options o) {
		rep.machine.put("cores", Runtime.getRuntime().availableProcessors());
		rep.machine.put("cpu", readFirst("/proc/cpuinfo", "model name"));
		String mem = readFirst("/proc/meminfo", "MemTotal");
		try {
			long kb = Long.parseLong(mem.replaceAll("[^0-9]", ""));
			mem = String.format(Locale.ROOT, "%.1f GiB RAM", kb / 1024.0 / 1024.0);
		}
		catch (NumberFormatException ex) {
			// keep raw
		}
		rep.machine.put("memory", mem);
		rep.machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch"));
		String[] jv = Proc.javaVersion(o.serverJava).split("\n");
		rep.machine.put("server_java", jv.length > 1 ? jv[0].trim() + ", " + jv[1].trim() : jv[0].trim());
		rep.machine.put("server_java_binary", o.serverJava);
		rep.machine.put("generator_java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
	}

	static String readFirst(String file, String key) {
		try (Stream<String> lines = Files.lines(Path.of(file))) {
			return lines.filter(l -> l.startsWith(key))
				.map(l -> l.substring(l.indexOf(':') + 1).trim())
				.findFirst()
				.orElse("unknown");
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	static String firstLine(String s) {
		int i = s.indexOf('\n');
		return i < 0 ? s : s.substring(0, i);
	}

	static void deleteTree(Path p) {
		try (Stream<Path> s = Files.walk(p)) {
			List<Path> all = new ArrayList<>(s.sorted(Comparator.reverseOrder()).toList());
			for (Path x : all) {
				Files.deleteIfExists(x);
			}
		}
		catch (IOException ex) {
			log("bench: could not delete %s: %s", p, ex);
		}
	}

	static void log(String fmt, Object... args) {
		System.out.println(String.format(Locale.ROOT, fmt, args));
		System.out.flush();
	}
}
