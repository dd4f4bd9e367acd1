package bench;

import java.awt.Color;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;

/** Collects everything measured in one run and writes it as JSON, Markdown and a PNG chart. */
final class Report {

	static final class SystemResult {

		final String name;

		final String description;

		String error;

		double startSeconds;

		double mintSeconds;

		Load.Result valid;

		Load.Result halfPeak;

		Load.Result mixed;

		SystemResult(String name, String description) {
			this.name = name;
			this.description = description;
		}
	}

	/** @param dbBytes the data dir's size on disk after the point's load (-1: not found) */
	record SweepPoint(int stored, double fillSeconds, Load.Result result, long dbBytes) {
	}

	/** A closed-loop run of ours at one connection count; the most server-side connections seen during it. */
	record ConnectionPoint(int connections, int establishedMax, Load.Result result) {
	}

	/** Used heap of the server after a full GC, this many seconds into the soak. */
	record HeapSample(double atSeconds, long usedBytes) {
	}

	/** The heap after GC at the end may exceed the one at the start by this share or by HEAP_SLACK_BYTES. */
	static final double HEAP_SLACK_SHARE = 0.10;

	static final long HEAP_SLACK_BYTES = 16L << 20;

	/** Mixed traffic at full speed on ours, with the heap after a full GC at its start, during it and at its end. */
	record Soak(Load.Result result, List<HeapSample> heap) {

		long growthBytes() {
			return this.heap.size() < 2 || first() < 0 || last() < 0 ? Long.MIN_VALUE : last() - first();
		}

		long allowedGrowthBytes() {
			return Math.max((long) (HEAP_SLACK_SHARE * first()), HEAP_SLACK_BYTES);
		}

		boolean heapFlat() {
			return growthBytes() != Long.MIN_VALUE && growthBytes() <= allowedGrowthBytes();
		}

		private long first() {
			return this.heap.get(0).usedBytes();
		}

		private long last() {
			return this.heap.get(this.heap.size() - 1).usedBytes();
		}
	}

	final Options options;

	final String started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);

	final Map<String, Object> machine = new LinkedHashMap<>();

	final Map<String, double[]> ceiling = new LinkedHashMap<>(); // alg -> {total, per thread}

	final Map<String, String> ceilingErrors = new LinkedHashMap<>();

	String ceilingJava;

	double ceilingOtherCores = Double.NaN;

	final Map<String, SystemResult> systems = new LinkedHashMap<>();

	final List<SweepPoint> sweep = new ArrayList<>();

	String sweepError;

	final List<ConnectionPoint> connections = new ArrayList<>();

	String connectionsError;

	Soak soak;

	String soakError;

	String finished;

	Report(Options options) {
		this.options = options;
	}

	SystemResult system(String name, String description) {
		return this.systems.computeIfAbsent(name, n -> new SystemResult(n, description));
	}

	double peak(String system) {
		SystemResult s = this.systems.get(system);
		return s == null || s.valid == null ? Double.NaN : s.valid.refreshPerSec();
	}

	double ratio(String a, String b) {
		return peak(a) / peak(b);
	}

	// ---------------------------------------------------------------- targets

	record Target(String what, String goal, double value, boolean met, String shown) {
	}

	List<Target> targets() {
		List<Target> t = new ArrayList<>();
		addRatio(t, "ours / sas-bcrypt (refresh/s)", "ours", "sas-bcrypt", 40);
		addRatio(t, "ours / sas-noop (refresh/s)", "ours", "sas-noop", 2);
		addRatio(t, "ours / navikt (refresh/s)", "ours", "navikt", 1.2);
		// Against the signer ours uses (AWS-LC where it loads) and against Nimbus's default (the JDK's)
		ceilingShares("ours").forEach((alg, f) -> t.add(
				new Target("ours / " + alg + " signing ceiling (" + signerOf(alg) + ")", ">= 60 %", f, f >= 0.6, pct(f))));
		for (String name : List.of("ours-lowpause", "ours")) {
			SystemResult ours = this.systems.get(name);
			if (ours != null && ours.halfPeak != null) {
				double p99 = ours.halfPeak.validMs(99);
				t.add(new Target("p99 at half of peak (" + name + ", open loop)", "<= 10 ms", p99, p99 <= 10,
						fmt(p99, 2) + " ms at " + fmt(ours.halfPeak.refreshPerSec(), 0) + "/s"));
			}
		}
		SweepPoint small = this.sweep.stream().filter(p -> p.stored() == 1_000).findFirst().orElse(null);
		SweepPoint big = this.sweep.stream().filter(p -> p.stored() == 1_000_000).findFirst().orElse(null);
		if (small != null && big != null) {
			double f = big.result().refreshPerSec() / small.result().refreshPerSec();
			t.add(new Target("1M stored families vs 1k (refresh/s)", ">= 85 %", f, f >= 0.85, pct(f)));
		}
		SystemResult ed = this.systems.get("ours-eddsa");
		if (ed != null && ed.valid != null) {
			t.add(new Target("ours with EdDSA reported", "table", peak("ours-eddsa"), true,
					fmt(peak("ours-eddsa"), 0) + " refresh/s"
							+ (this.ceiling.containsKey("EdDSA")
									? " (" + pct(peak("ours-eddsa") / this.ceiling.get("EdDSA")[0]) + " of EdDSA ceiling)"
									: "")));
		}
		return t;
	}

	/** Issue 11, acceptance point 6: durability's cost, connections, soak. */
	List<Target> reliabilityChecks() {
		List<Target> t = new ArrayList<>();
		double kept = ratio("ours", "ours-nondurable");
		if (!Double.isNaN(kept)) {
			t.add(new Target("cost of durable commits: 1 - ours / ours-nondurable (refresh/s)", "<= 10 %", 1 - kept,
					1 - kept <= 0.10, pct(1 - kept) + " (" + fmt(peak("ours"), 0) + " vs " + fmt(peak("ours-nondurable"), 0)
							+ " refresh/s)"));
		}
		ConnectionPoint c8 = connectionPoint(8);
		ConnectionPoint c128 = connectionPoint(128);
		if (c8 != null && c128 != null) {
			double f = c128.result().refreshPerSec() / c8.result().refreshPerSec();
			t.add(new Target("throughput at 128 connections vs 8", ">= 90 %", f, f >= 0.9, pct(f) + " ("
					+ fmt(c128.result().refreshPerSec(), 0) + " vs " + fmt(c8.result().refreshPerSec(), 0) + " refresh/s)"));
		}
		if (c128 != null) {
			double f = c128.result().validMs(99) / c128.result().validMs(50);
			t.add(new Target("p99 / p50 at 128 connections", "<= 3x", f, f <= 3, fmt(f, 2) + "x (p99 "
					+ fmt(c128.result().validMs(99), 2) + " ms, p50 " + fmt(c128.result().validMs(50), 2) + " ms)"));
		}
		if (!this.connections.isEmpty()) {
			ConnectionPoint most = this.connections.stream()
				.max(Comparator.comparingInt(ConnectionPoint::connections))
				.orElseThrow();
			long bad = unexpected(most.result());
			boolean held = most.establishedMax() >= most.connections();
			t.add(new Target(String.format(Locale.ROOT, "%,d connections held, no errors", most.connections()),
					"0 errors, all connections open", bad, bad == 0 && held,
					bad + " errors, " + most.establishedMax() + " connections seen at the server"));
		}
		if (this.soak != null) {
			Load.Result r = this.soak.result();
			long bad = unexpected(r);
			t.add(new Target("soak: no unexpected errors (valid 200, invalid 4xx, no 5xx/timeouts)", "0", bad, bad == 0,
					bad + " of " + String.format(Locale.ROOT, "%,d", r.total.requests()) + " requests"));
			long g = this.soak.growthBytes();
			t.add(new Target("soak: heap after full GC, end vs start", "<= +" + pct(HEAP_SLACK_SHARE) + " or +"
					+ mb(HEAP_SLACK_BYTES), g == Long.MIN_VALUE ? Double.NaN : g / 1048576.0, this.soak.heapFlat(), g == Long.MIN_VALUE ? "unknown"
							: String.format(Locale.ROOT, "%+.1f MB (%s -> %s)", g / 1048576.0, mb(this.soak.heap().get(0).usedBytes()),
									mb(this.soak.heap().get(this.soak.heap().size() - 1).usedBytes()))));
		}
		return t;
	}

	ConnectionPoint connectionPoint(int n) {
		return this.connections.stream().filter(p -> p.connections() == n).findFirst().orElse(null);
	}

	/** Valid requests that did not get a 200, invalid ones that did not get a 4xx, families lost. */
	static long unexpected(Load.Result r) {
		return r.total.validFailed + r.total.invalidAccepted + r.total.invalidError + r.familiesLost;
	}

	/** Every load run of this report, for the notes on disturbed windows. */
	private Stream<Load.Result> allResults() {
		return Stream.of(this.systems.values().stream().flatMap(s -> Stream.of(s.valid, s.halfPeak, s.mixed)),
				this.sweep.stream().map(SweepPoint::result), this.connections.stream().map(ConnectionPoint::result),
				Stream.ofNullable(this.soak).map(Soak::result))
			.flatMap(x -> x)
			.filter(r -> r != null);
	}

	private static String signerOf(String ceilingAlg) {
		return ceilingAlg.endsWith("-awslc") ? "AWS-LC, the signer ours uses" : "JDK, Nimbus's default";
	}

	/**
	 * Peak of an "ours" system as a share of its algorithm's signing ceiling, per signer measured
	 * (for RS256 the one ours uses, AWS-LC, first); empty when the system or the ceiling is missing.
	 */
	private Map<String, Double> ceilingShares(String ours) {
		Map<String, Double> shares = new LinkedHashMap<>();
		if (!Double.isNaN(peak(ours))) {
			Stream.of(ours.equals("ours") ? new String[] { "RS256-awslc", "RS256" } : new String[] { "EdDSA" })
				.filter(this.ceiling::containsKey)
				.forEach(alg -> shares.put(alg, peak(ours) / this.ceiling.get(alg)[0]));
		}
		return shares;
	}

	private void addRatio(List<Target> t, String what, String a, String b, double goal) {
		double r = ratio(a, b);
		if (!Double.isNaN(r)) {
			t.add(new Target(what, ">= " + fmt(goal, goal < 10 ? 1 : 0) + "x", r, r >= goal, fmt(r, 2) + "x"));
		}
	}

	// ---------------------------------------------------------------- writing

	void write() throws IOException {
		Files.createDirectories(this.options.out);
		Files.writeString(file("json"), Json.write(toMap()), StandardCharsets.UTF_8);
		Files.writeString(file("md"), markdown(), StandardCharsets.UTF_8);
		try {
			chart(file("png"));
		}
		catch (Throwable ex) { // a chart problem must not lose the numbers
			System.err.println("chart failed: " + ex);
		}
	}

	/** {@code <out>/<name>.<ext>}, e.g. results/latest.md or results/reliability.json */
	Path file(String ext) {
		return this.options.out.resolve(this.options.name + "." + ext);
	}

	Map<String, Object> toMap() {
		Map<String, Object> m = new LinkedHashMap<>();
		m.put("started", this.started);
		m.put("finished", this.finished);
		if (!this.options.label.isBlank()) {
			m.put("label", this.options.label);
		}
		m.put("machine", this.machine);
		Map<String, Object> cfg = new LinkedHashMap<>();
		cfg.put("families", this.options.families);
		cfg.put("concurrency", this.options.concurrency);
		cfg.put("warmup_min_s", this.options.warmup);
		cfg.put("warmup_max_s", this.options.maxWarmup);
		cfg.put("window_s", this.options.duration);
		cfg.put("windows", this.options.reps);
		cfg.put("rate", this.options.rate);
		cfg.put("invalid_fraction", this.options.invalidFraction);
		cfg.put("server_jvm_opts", this.options.serverJvmOpts);
		cfg.put("low_pause_gc", this.options.lowPauseGc);
		cfg.put("navikt_http_server", this.options.naviktHttp);
		cfg.put("sweep", this.options.sweep);
		cfg.put("connections", this.options.connections);
		cfg.put("soak_s", this.options.soak);
		m.put("config", cfg);
		Map<String, Object> ce = new LinkedHashMap<>();
		ce.put("java", this.ceilingJava);
		ce.put("threads", this.options.ceilingThreads);
		ce.put("other_cores", Load.round(this.ceilingOtherCores, 2));
		this.ceiling.forEach((k, v) -> ce.put(k, Map.of("signatures_per_s", v[0], "per_thread", v[1])));
		this.ceilingErrors.forEach(ce::put);
		m.put("signing_ceiling", ce);
		Map<String, Object> sys = new LinkedHashMap<>();
		for (SystemResult s : this.systems.values()) {
			Map<String, Object> x = new LinkedHashMap<>();
			x.put("description", s.description);
			if (s.error != null) {
				x.put("error", s.error);
			}
			x.put("start_s", Load.round(s.startSeconds, 1));
			x.put("mint_s", Load.round(s.mintSeconds, 1));
			if (s.valid != null) {
				x.put("valid", s.valid.toMap());
			}
			if (s.halfPeak != null) {
				x.put("half_peak", s.halfPeak.toMap());
			}
			if (s.mixed != null) {
				x.put("mixed", s.mixed.toMap());
			}
			sys.put(s.name, x);
		}
		m.put("systems", sys);
		Map<String, Object> ratios = new LinkedHashMap<>();
		for (String base : List.of("sas-bcrypt", "sas-noop", "navikt")) {
			for (String ours : List.of("ours", "ours-eddsa")) {
				double r = ratio(ours, base);
				if (!Double.isNaN(r)) {
					ratios.put(ours + "/" + base, Load.round(r, 3));
				}
			}
		}
		for (String ours : List.of("ours", "ours-eddsa")) {
			ceilingShares(ours).forEach((alg, f) -> ratios.put(ours + "/" + alg + "-ceiling", Load.round(f, 3)));
		}
		if (!Double.isNaN(ratio("ours", "ours-nondurable"))) {
			ratios.put("ours/ours-nondurable", Load.round(ratio("ours", "ours-nondurable"), 3));
			m.put("durable_commits_cost_pct", Load.round(100 * (1 - ratio("ours", "ours-nondurable")), 1));
		}
		m.put("ratios", ratios);
		List<Object> cs = new ArrayList<>();
		for (ConnectionPoint p : this.connections) {
			Map<String, Object> x = new LinkedHashMap<>();
			x.put("connections", p.connections());
			x.put("server_connections_seen_max", p.establishedMax());
			x.put("p99_over_p50", Load.round(p.result().validMs(99) / p.result().validMs(50), 2));
			x.put("result", p.result().toMap());
			cs.add(x);
		}
		m.put("connections", cs);
		if (this.connectionsError != null) {
			m.put("connections_error", this.connectionsError);
		}
		if (this.soak != null) {
			Map<String, Object> x = new LinkedHashMap<>();
			x.put("unexpected_errors", unexpected(this.soak.result()));
			List<Object> heap = new ArrayList<>();
			this.soak.heap().forEach(h -> heap.add(Map.of("at_s", Load.round(h.atSeconds(), 1), "heap_used_after_gc_mb",
					Load.round(h.usedBytes() / 1048576.0, 1))));
			x.put("heap", heap);
			if (this.soak.growthBytes() != Long.MIN_VALUE) {
				x.put("heap_growth_mb", Load.round(this.soak.growthBytes() / 1048576.0, 1));
				x.put("heap_allowed_growth_mb", Load.round(this.soak.allowedGrowthBytes() / 1048576.0, 1));
			}
			x.put("heap_flat", this.soak.heapFlat());
			x.put("result", this.soak.result().toMap());
			m.put("soak", x);
		}
		if (this.soakError != null) {
			m.put("soak_error", this.soakError);
		}
		List<Object> sw = new ArrayList<>();
		for (SweepPoint p : this.sweep) {
			Map<String, Object> x = new LinkedHashMap<>();
			x.put("stored_families", p.stored());
			x.put("fill_s", Load.round(p.fillSeconds(), 1));
			x.put("db_bytes_on_disk", p.dbBytes());
			x.put("result", p.result().toMap());
			sw.add(x);
		}
		if (this.sweepError != null) {
			m.put("sweep_error", this.sweepError);
		}
		m.put("size_sweep", sw);
		List<Object> ts = new ArrayList<>();
		for (Target t : targets()) {
			ts.add(Map.of("what", t.what(), "goal", t.goal(), "value", Load.round(t.value(), 4), "met", t.met()));
		}
		m.put("targets", ts);
		List<Object> rc = new ArrayList<>();
		for (Target t : reliabilityChecks()) {
			rc.add(Map.of("what", t.what(), "goal", t.goal(), "value", Load.round(t.value(), 4), "met", t.met(),
					"measured", t.shown()));
		}
		m.put("reliability_checks", rc);
		return m;
	}

	String markdown() {
		StringBuilder b = new StringBuilder();
		Options o = this.options;
		b.append("# Refresh grant benchmark\n\n");
		b.append("Started ").append(this.started).append(this.finished != null ? ", finished " + this.finished : " (running)")
			.append(o.label.isBlank() ? "" : " — " + o.label).append(".\n\n");
		b.append("**Machine:** ").append(this.machine.get("cores")).append(" cores (")
			.append(this.machine.get("cpu")).append("), ").append(this.machine.get("memory")).append(", ")
			.append(this.machine.get("os")).append(". **Servers' JDK:** ").append(this.machine.get("server_java"))
			.append(". Generator (JDK HttpClient, HTTP/1.1 keep-alive) on the same box.\n\n");
		b.append("**Load:** ").append(o.families).append(" families per system, ").append(o.concurrency)
			.append(" workers, ")
			.append(o.rate > 0 ? "open loop at " + fmt(o.rate, 0) + " req/s" : "closed loop")
			.append(", warm-up ").append(o.rate > 0 || o.maxWarmup <= o.warmup ? o.warmup + " s"
					: "at least " + o.warmup + " s and until throughput stops rising (10 s slices, at most " + o.maxWarmup + " s)")
			.append(", then ").append(o.reps).append(" windows of ")
			.append(o.duration).append(" s; numbers are medians over the windows. Server JVM options: `")
			.append(o.serverJvmOpts).append("`")
			.append(o.lowPauseGc != null ? "; ours-lowpause adds `" + o.lowPauseGc + "`" : "").append(".\n\n");

		b.append("## Valid refreshes (rotation: each family always presents its newest token)\n\n");
		b.append("| system | refresh/s | p50 ms | p90 ms | p99 ms | max ms | server CPU ms/refresh "
				+ "| cores: server / generator / other | errors |\n");
		b.append("|---|---:|---:|---:|---:|---:|---:|---|---|\n");
		for (SystemResult s : this.systems.values()) {
			if (s.valid == null) {
				b.append("| ").append(s.name).append(" | n/a | | | | | | | ").append(md(s.error)).append(" |\n");
				continue;
			}
			Load.Result r = s.valid;
			b.append("| ").append(s.name).append(" | ").append(fmt(r.refreshPerSec(), 1)).append(" | ")
				.append(fmt(r.validMs(50), 2)).append(" | ").append(fmt(r.validMs(90), 2)).append(" | ")
				.append(fmt(r.validMs(99), 2)).append(" | ").append(fmt(r.validMs(100), 1)).append(" | ")
				.append(fmt(r.serverCpuMsPerRequest(), 2)).append(" | ").append(cores(r)).append(" | ")
				.append(errorsCell(r)).append(" |\n");
		}
		b.append("\n");
		for (SystemResult s : this.systems.values()) {
			b.append("- **").append(s.name).append("**: ").append(s.description).append("\n");
		}
		b.append("\n");

		List<String> rl = new ArrayList<>();
		for (String ours : List.of("ours", "ours-eddsa")) {
			for (String base : List.of("sas-bcrypt", "sas-noop", "navikt")) {
				double r = ratio(ours, base);
				if (!Double.isNaN(r)) {
					rl.add("| " + ours + " / " + base + " | " + fmt(r, 2) + "x |");
				}
			}
			ceilingShares(ours).forEach((alg, f) -> rl.add("| " + ours + " / " + alg + " signing ceiling | " + pct(f) + " |"));
		}
		if (!rl.isEmpty()) {
			b.append("## Ratios (same run)\n\n| ratio | value |\n|---|---:|\n");
			rl.forEach(l -> b.append(l).append('\n'));
			b.append('\n');
		}

		double kept = ratio("ours", "ours-nondurable");
		if (!Double.isNaN(kept)) {
			b.append("## Durable commits (same run, same plan)\n\n")
				.append("ours answers a rotation only once it is durable (on H2: written to the rotation journal beside the database file); "
						+ "ours-nondurable is the same jar with `--refresh.store.durable-commits=false` (H2's 500 ms "
						+ "write delay: a crash loses acknowledged rotations). ours: ")
				.append(fmt(peak("ours"), 1)).append(" refresh/s, ours-nondurable: ").append(fmt(peak("ours-nondurable"), 1))
				.append(" refresh/s: ours = ").append(pct(kept)).append(" of ours-nondurable, **durability costs ")
				.append(pct(1 - kept)).append("** of throughput (target: at most 10 %).\n\n");
		}

		twoInstancesSection(b);

		if (!this.ceiling.isEmpty() || !this.ceilingErrors.isEmpty()) {
			b.append("## Signing ceiling of this box (pure Nimbus, ").append(o.ceilingThreads)
				.append(" threads, no HTTP/DB; ").append(this.ceilingJava).append(")\n\n");
			if (this.ceilingOtherCores > Load.DISTURBED_CORES) {
				b.append("**Warning:** other processes used ").append(fmt(this.ceilingOtherCores, 2))
					.append(" cores while the ceiling was measured.\n\n");
			}
			b.append("| algorithm | signatures/s | per thread |\n|---|---:|---:|\n");
			this.ceiling.forEach((k, v) -> b.append("| ").append(k).append(" | ").append(fmt(v[0], 0)).append(" | ")
				.append(fmt(v[1], 0)).append(" |\n"));
			this.ceilingErrors.forEach((k, v) -> b.append("| ").append(k).append(" | ").append(md(v)).append(" | |\n"));
			b.append('\n');
		}

		boolean anyHalf = this.systems.values().stream().anyMatch(s -> s.halfPeak != null);
		if (anyHalf) {
			b.append("## Latency at half of peak (open loop, latency from the intended send time)\n\n");
			b.append("| system | target rate/s | achieved refresh/s | p50 ms | p90 ms | p99 ms | max ms | errors |\n");
			b.append("|---|---:|---:|---:|---:|---:|---:|---|\n");
			for (SystemResult s : this.systems.values()) {
				if (s.halfPeak != null) {
					Load.Result r = s.halfPeak;
					b.append("| ").append(s.name).append(" | ").append(fmt(r.plan.rate(), 0)).append(" | ")
						.append(fmt(r.refreshPerSec(), 1)).append(" | ").append(fmt(r.validMs(50), 2)).append(" | ")
						.append(fmt(r.validMs(90), 2)).append(" | ").append(fmt(r.validMs(99), 2)).append(" | ")
						.append(fmt(r.validMs(100), 1)).append(" | ").append(errorsCell(r)).append(" |\n");
				}
			}
			b.append('\n');
		}

		boolean anyMixed = this.systems.values().stream().anyMatch(s -> s.mixed != null);
		if (anyMixed) {
			b.append("## Mixed traffic (").append(fmt(100 - 100 * o.invalidFraction, 0)).append(" % valid, ")
				.append(fmt(100 * o.invalidFraction, 0))
				.append(" % invalid: replays of rotated tokens on sacrificial families, wrong secrets, garbage tokens)\n\n");
			b.append("| system | requests/s | valid ok/s | valid p50 ms | valid p99 ms | invalid p50 ms | invalid p99 ms "
					+ "| invalid accepted | outcomes of invalid and failed requests |\n");
			b.append("|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
			for (SystemResult s : this.systems.values()) {
				if (s.mixed != null) {
					Load.Result r = s.mixed;
					b.append("| ").append(s.name).append(" | ").append(fmt(r.requestsPerSec(), 1)).append(" | ")
						.append(fmt(r.refreshPerSec(), 1)).append(" | ").append(fmt(r.validMs(50), 2)).append(" | ")
						.append(fmt(r.validMs(99), 2)).append(" | ").append(fmt(r.invalidMs(50), 2)).append(" | ")
						.append(fmt(r.invalidMs(99), 2)).append(" | ").append(r.total.invalidAccepted).append(" | ")
						.append(errorsCell(r)).append(" |\n");
				}
			}
			b.append("\n(navikt checks no client secret, so its wrong-secret requests are rejected only because their "
					+ "token is unknown.)\n\n");
		}

		if (!this.sweep.isEmpty() || this.sweepError != null) {
			b.append("## Size sweep (ours, one instance, ").append(Math.min(o.families, o.sweep.isEmpty() ? o.families : o.sweep.get(0)))
				.append(" active families, filler families added through /admin/grants/bulk)\n\n");
			b.append("| stored families | fill s | refresh/s | p50 ms | p99 ms | server CPU ms/refresh | vs first | database on disk |\n"
					+ "|---:|---:|---:|---:|---:|---:|---:|---:|\n");
			double first = this.sweep.isEmpty() ? Double.NaN : this.sweep.get(0).result().refreshPerSec();
			for (SweepPoint p : this.sweep) {
				Load.Result r = p.result();
				b.append("| ").append(String.format(Locale.ROOT, "%,d", p.stored())).append(" | ")
					.append(fmt(p.fillSeconds(), 1)).append(" | ").append(fmt(r.refreshPerSec(), 1)).append(" | ")
					.append(fmt(r.validMs(50), 2)).append(" | ").append(fmt(r.validMs(99), 2)).append(" | ")
					.append(fmt(r.serverCpuMsPerRequest(), 2)).append(" | ")
					.append(pct(r.refreshPerSec() / first)).append(" | ")
					.append((p.dbBytes() < 0) ? "n/a" : String.format(Locale.ROOT, "%,.1f MB", p.dbBytes() / 1e6)).append(" |\n");
			}
			if (this.sweepError != null) {
				b.append("\nSweep error: ").append(md(this.sweepError)).append('\n');
			}
			b.append('\n');
		}

		connectionsSection(b);
		soakSection(b);
		targetTable(b, "Performance targets", targets());
		targetTable(b, "Reliability checks", reliabilityChecks());
		List<String> busy = allResults().filter(r -> r.otherCores() > 0.2)
			.map(r -> r.plan.label() + " (" + fmt(r.otherCores(), 2) + " cores)")
			.toList();
		long redone = allResults().filter(r -> r.plan.remeasureDisturbed()).mapToLong(r -> r.all.stream().filter(w -> w.disturbed).count()).sum();
		if (redone > 0) {
			b.append(redone).append(" measured window(s) during which other processes used more than ")
				.append(fmt(Load.DISTURBED_CORES, 1)).append(" cores were measured again and left out of the medians "
						+ "(listed as disturbed in " + file("json").getFileName() + "; the soak keeps every window).\n\n");
		}
		if (!busy.isEmpty()) {
			b.append("**Warning: other processes used CPU during** ").append(String.join(", ", busy))
				.append(": those numbers are disturbed.\n\n");
		}
		b.append("Raw numbers (every window, every outcome, CPU split): `").append(file("json").getFileName())
			.append("`. Chart: `").append(file("png").getFileName()).append("`.\n");
		return b.toString();
	}

	private static void targetTable(StringBuilder b, String title, List<Target> ts) {
		if (ts.isEmpty()) {
			return;
		}
		b.append("## ").append(title).append("\n\n| target | goal | measured | met |\n|---|---|---:|---|\n");
		for (Target t : ts) {
			b.append("| ").append(t.what()).append(" | ").append(t.goal()).append(" | ").append(md(t.shown()))
				.append(" | ").append(t.met() ? "yes" : "**no**").append(" |\n");
		}
		b.append('\n');
	}

	/** ours-pg2: how the load split over its two instances, beside ours-pg, and what this box can show. */
	private void twoInstancesSection(StringBuilder b) {
		SystemResult two = this.systems.get("ours-pg2");
		if (two == null) {
			return;
		}
		b.append("## Two instances on one PostgreSQL (ours-pg2)\n\n");
		if (two.valid == null) {
			b.append("Not measured: ").append(md(two.error)).append("\n\n");
			return;
		}
		Load.Result r = two.valid;
		b.append("Valid run: ").append(fmt(r.refreshPerSec(), 1)).append(" refresh/s over both instances (");
		b.append(r.refreshPerSecByInstance().entrySet().stream()
			.map(e -> e.getKey() + " " + fmt(e.getValue(), 1))
			.collect(Collectors.joining(", ")));
		b.append(")");
		if (!Double.isNaN(peak("ours-pg"))) {
			b.append(", ").append(pct(ratio("ours-pg2", "ours-pg"))).append(" of ours-pg's ")
				.append(fmt(peak("ours-pg"), 1)).append(" refresh/s on one instance");
		}
		b.append("; server CPU ").append(fmt(r.serverCpuMsPerRequest(), 2))
			.append(" ms per refresh (both JVMs); PostgreSQL and everything else: ").append(fmt(r.otherCores(), 2))
			.append(" cores. Every family was minted on A, so the half served by B refreshed on the other instance. "
					+ "Unexpected outcomes (a valid refresh without 200, an invalid request without 4xx, a family lost): ")
			.append(Stream.of(two.valid, two.halfPeak, two.mixed)
				.filter(x -> x != null)
				.map(x -> x.plan.label() + " " + unexpected(x))
				.collect(Collectors.joining(", ")))
			.append(".\n\n");
		b.append("On this ").append(this.machine.get("cores")).append("-core box, shared by the generator, PostgreSQL "
				+ "and two server JVMs, this point shows that the load splits over two instances on one database and "
				+ "nothing breaks, **not scaling**: the second instance brings no cores of its own, it competes for the "
				+ "ones one instance already kept busy. Scaling needs each instance, PostgreSQL and the generator on "
				+ "machines of their own.\n\n");
	}

	private void connectionsSection(StringBuilder b) {
		if (this.connections.isEmpty() && this.connectionsError == null) {
			return;
		}
		Options o = this.options;
		b.append("## Connections (ours, warm, closed loop: one worker = one keep-alive connection, ")
			.append(o.connectionsWarmup).append(" s warm-up, ").append(o.connectionsReps).append(" x ")
			.append(o.connectionsDuration).append(" s, medians)\n\n");
		b.append("| connections | families | server connections seen | refresh/s | p50 ms | p90 ms | p99 ms | max ms "
				+ "| p99 / p50 | cores: server / generator / other | errors |\n");
		b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
		for (ConnectionPoint p : this.connections) {
			Load.Result r = p.result();
			b.append("| ").append(fmt(p.connections(), 0)).append(" | ").append(fmt(r.familiesUsed, 0)).append(" | ")
				.append(p.establishedMax() < 0 ? "n/a" : fmt(p.establishedMax(), 0)).append(" | ")
				.append(fmt(r.refreshPerSec(), 1)).append(" | ").append(fmt(r.validMs(50), 2)).append(" | ")
				.append(fmt(r.validMs(90), 2)).append(" | ").append(fmt(r.validMs(99), 2)).append(" | ")
				.append(fmt(r.validMs(100), 1)).append(" | ").append(fmt(r.validMs(99) / r.validMs(50), 2)).append("x | ")
				.append(cores(r)).append(" | ").append(errorsCell(r)).append(" |\n");
		}
		if (this.connectionsError != null) {
			b.append("\nConnections error: ").append(md(this.connectionsError)).append('\n');
		}
		b.append("\n\"server connections seen\": the most ESTABLISHED TCP connections on the server's port during the "
				+ "run (/proc/net/tcp, as `ss -tn state established '( sport = :PORT )'`).\n\n");
	}

	private void soakSection(StringBuilder b) {
		if (this.soak == null && this.soakError == null) {
			return;
		}
		b.append("## Soak (ours, mixed traffic at full speed: ").append(fmt(100 * this.options.invalidFraction, 0))
			.append(" % invalid, closed loop, ").append(this.options.concurrency).append(" workers, ")
			.append(this.options.soak).append(" s)\n\n");
		if (this.soak != null) {
			Load.Result r = this.soak.result();
			b.append("| window | requests/s | valid ok/s | valid p50 ms | valid p99 ms | valid max ms | unexpected |\n")
				.append("|---:|---:|---:|---:|---:|---:|---:|\n");
			for (int i = 0; i < r.all.size(); i++) {
				Load.WindowStats w = r.all.get(i);
				b.append("| ").append(i + 1).append(" | ").append(fmt(w.requests() / w.seconds(), 1)).append(" | ")
					.append(fmt(w.validOk / w.seconds(), 1)).append(" | ").append(fmt(Load.pct(w.valid, 50), 2))
					.append(" | ").append(fmt(Load.pct(w.valid, 99), 2)).append(" | ").append(fmt(Load.pct(w.valid, 100), 1))
					.append(" | ").append(w.validFailed + w.invalidAccepted + w.invalidError).append(" |\n");
			}
			b.append("\nOutcomes other than a valid 200: ").append(errorsCell(r)).append(". Unexpected (a valid request "
					+ "without 200, an invalid one without 4xx, a family lost): **").append(unexpected(r)).append("**.\n\n");
			b.append("Server heap used after a full GC (`jcmd <pid> GC.run`, then `GC.heap_info`): ")
				.append(this.soak.heap().stream()
					.map(h -> fmt(h.atSeconds(), 0) + " s " + (h.usedBytes() < 0 ? "n/a" : mb(h.usedBytes())))
					.collect(Collectors.joining(", ")))
				.append(this.soak.growthBytes() == Long.MIN_VALUE ? ""
						: String.format(Locale.ROOT, "; end - start %+.1f MB (allowed +%s): %s", this.soak.growthBytes() / 1048576.0,
								mb(this.soak.allowedGrowthBytes()), this.soak.heapFlat() ? "flat" : "**grew**"))
				.append(". The first sample is taken before the soak's traffic, the last after it; the full GCs "
						+ "in between pause the server and show in the max latency.\n\n");
		}
		if (this.soakError != null) {
			b.append("Soak error: ").append(md(this.soakError)).append("\n\n");
		}
	}

	static String cores(Load.Result r) {
		return fmt(r.serverCores(), 2) + " / " + fmt(r.generatorCores(), 2) + " / " + fmt(r.otherCores(), 2);
	}

	private static String errorsCell(Load.Result r) {
		Map<String, Long> e = r.errors();
		String s = e.isEmpty() ? "none"
				: e.entrySet().stream().map(x -> x.getKey() + ": " + x.getValue()).collect(Collectors.joining("; "));
		if (r.familiesLost > 0) {
			s += " (" + r.familiesLost + " families lost)";
		}
		return md(s);
	}

	// ---------------------------------------------------------------- chart

	void chart(Path png) throws IOException {
		List<Chart<?, ?>> charts = new ArrayList<>();
		List<SystemResult> measured = this.systems.values().stream().filter(s -> s.valid != null).toList();
		if (measured.isEmpty()) {
			return;
		}
		// 1. throughput per system, with the RS256 signing ceiling as a reference line
		List<String> cats = measured.stream().map(s -> s.name).toList();
		List<Double> tput = measured.stream().map(s -> Load.round(s.valid.refreshPerSec(), 0)).toList();
		CategoryChart c1 = new CategoryChartBuilder().width(720).height(480)
			.title("Refresh grants/s (median, " + this.options.concurrency + " workers"
					+ (this.options.rate > 0 ? ", open loop" : "") + ")")
			.yAxisTitle("refresh/s")
			.build();
		style(c1);
		c1.addSeries("refresh/s", cats, tput);
		double top = tput.stream().mapToDouble(Double::doubleValue).max().orElse(1);
		if (this.ceiling.containsKey("RS256")) {
			double rs = this.ceiling.get("RS256")[0];
			top = Math.max(top, rs);
			c1.addAnnotation(new org.knowm.xchart.AnnotationLine(rs, false, false));
			c1.addAnnotation(new org.knowm.xchart.AnnotationText("RS256 signing ceiling, JDK " + fmt(rs, 0) + "/s"
					+ (this.ceiling.containsKey("RS256-awslc")
							? " (AWS-LC: " + fmt(this.ceiling.get("RS256-awslc")[0], 0) + "/s)" : "")
					+ (this.ceiling.containsKey("EdDSA") ? " (EdDSA: " + fmt(this.ceiling.get("EdDSA")[0], 0) + "/s)" : ""),
					cats.size() / 2.0 + 0.5, rs * 1.04, false));
		}
		c1.getStyler().setYAxisMin(0.0);
		c1.getStyler().setYAxisMax(top * 1.12);
		charts.add(c1);
		// 2. latency per system (log scale)
		List<String> names = measured.stream().map(s -> s.name).toList();
		CategoryChart c2 = new CategoryChartBuilder().width(720).height(480)
			.title("Latency of valid refreshes (ms, log scale)")
			.yAxisTitle("ms")
			.build();
		style(c2);
		c2.getStyler().setYAxisLogarithmic(true);
		c2.addSeries("p50", names, measured.stream().map(s -> Math.max(0.01, Load.round(s.valid.validMs(50), 2))).toList());
		c2.addSeries("p99", names, measured.stream().map(s -> Math.max(0.01, Load.round(s.valid.validMs(99), 2))).toList());
		List<Double> hp = measured.stream()
			.map(s -> s.halfPeak == null ? 0.01 : Math.max(0.01, Load.round(s.halfPeak.validMs(99), 2)))
			.toList();
		if (measured.stream().anyMatch(s -> s.halfPeak != null)) {
			c2.addSeries("p99 at half peak", names, hp);
		}
		double min = measured.stream().mapToDouble(s -> s.valid.validMs(50)).filter(v -> v > 0).min().orElse(0.1);
		c2.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(Math.max(0.01, Math.min(min, 0.5))))));
		charts.add(c2);
		// 3. size sweep
		if (!this.sweep.isEmpty()) {
			CategoryChart c3 = new CategoryChartBuilder().width(720).height(480)
				.title("ours: refresh/s by stored families")
				.yAxisTitle("refresh/s")
				.build();
			style(c3);
			c3.addSeries("refresh/s", this.sweep.stream().map(p -> human(p.stored())).toList(),
					this.sweep.stream().map(p -> Load.round(p.result().refreshPerSec(), 0)).toList());
			charts.add(c3);
		}
		int cols = Math.min(2, charts.size());
		int rows = (charts.size() + cols - 1) / cols;
		if (rows * cols > charts.size()) { // XChart's grid wants every cell filled: add a notes panel
			charts.add(notes());
		}
		BitmapEncoder.saveBitmap(charts, rows, cols, png.toString(), BitmapEncoder.BitmapFormat.PNG);
	}

	/** A text-only panel: machine and load description. */
	private Chart<?, ?> notes() {
		CategoryChart c = new CategoryChartBuilder().width(720).height(480).title("Run").build();
		c.getStyler().setLegendVisible(false);
		c.getStyler().setAxisTicksVisible(false);
		c.getStyler().setPlotGridLinesVisible(false);
		c.getStyler().setChartBackgroundColor(Color.WHITE);
		c.getStyler().setPlotBackgroundColor(Color.WHITE);
		c.getStyler().setPlotBorderVisible(false);
		c.addSeries(" ", List.of(" "), List.of(0));
		List<String> lines = List.of(this.started.substring(0, Math.min(19, this.started.length())) + " UTC",
				this.machine.get("cores") + " cores, " + this.machine.get("cpu"),
				String.valueOf(this.machine.get("server_java")),
				this.options.families + " families, " + this.options.concurrency + " workers, "
						+ (this.options.rate > 0 ? "open loop " + fmt(this.options.rate, 0) + "/s" : "closed loop"),
				"warm-up >= " + this.options.warmup + " s (adaptive), median of " + this.options.reps + " x "
						+ this.options.duration + " s");
		for (int i = 0; i < lines.size(); i++) {
			org.knowm.xchart.AnnotationText t = new org.knowm.xchart.AnnotationText(lines.get(i), 360, 380 - 40 * i, true);
			c.addAnnotation(t);
		}
		return c;
	}

	private static void style(CategoryChart c) {
		c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
		c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
		c.getStyler().setLabelsVisible(true);
		c.getStyler().setLabelsFontColorAutomaticEnabled(false);
		c.getStyler().setLabelsFontColor(Color.BLACK);
		c.getStyler().setXAxisLabelRotation(20);
		c.getStyler().setChartBackgroundColor(Color.WHITE);
		c.getStyler().setPlotGridVerticalLinesVisible(false);
	}

	static String human(int n) {
		if (n >= 1_000_000 && n % 1_000_000 == 0) {
			return n / 1_000_000 + "M";
		}
		if (n >= 1_000 && n % 1_000 == 0) {
			return n / 1_000 + "k";
		}
		return Integer.toString(n);
	}

	static String fmt(double v, int places) {
		if (Double.isNaN(v)) {
			return "n/a";
		}
		return String.format(Locale.ROOT, "%,." + places + "f", v);
	}

	static String mb(long bytes) {
		return fmt(bytes / 1048576.0, 1) + " MB";
	}

	static String pct(double f) {
		return Double.isNaN(f) ? "n/a" : String.format(Locale.ROOT, "%.0f %%", 100 * f);
	}

	static String md(String s) {
		return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
	}
}
