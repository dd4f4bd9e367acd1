package bench;

import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * The load generator. C workers, each owning a disjoint share of the families and refreshing them
 * round-robin, always presenting the newest refresh token of a family (rotation makes a family
 * sequential). Closed loop by default; with a rate, open loop: every worker sends on a fixed schedule
 * and latency is measured from the intended send time (no coordinated omission).
 * A warm-up is followed by {@code reps} measured windows; each window is reported on its own and the
 * summary takes the median over windows.
 */
final class Load {

	/** One token family: the newest refresh token the generator holds for it. */
	static final class Family {

		final int id;

		String token;

		boolean dead;

		Family(int id, String token) {
			this.id = id;
			this.token = token;
		}
	}

	enum Mode {

		VALID, MIXED

	}

	/** What one run should do. */
	record Plan(String label, Mode mode, int concurrency, double rate, int warmupSeconds, int windowSeconds,
			int windows, double invalidFraction, boolean adaptiveWarmup, boolean remeasureDisturbed) {

		/**
		 * An adaptive warm-up (closed loop only): for a server JVM that is not warm yet; a window disturbed
		 * by other processes is measured again and left out of the medians.
		 */
		Plan(String label, Mode mode, int concurrency, double rate, int warmupSeconds, int windowSeconds, int windows,
				double invalidFraction) {
			this(label, mode, concurrency, rate, warmupSeconds, windowSeconds, windows, invalidFraction, true, true);
		}

		/** Same plan with a fixed warm-up (the server is already warm). */
		Plan fixedWarmup() {
			return new Plan(this.label, this.mode, this.concurrency, this.rate, this.warmupSeconds, this.windowSeconds,
					this.windows, this.invalidFraction, false, this.remeasureDisturbed);
		}

		/** Same plan where every window counts, disturbed or not (the soak: its errors must all be seen). */
		Plan everyWindow() {
			return new Plan(this.label, this.mode, this.concurrency, this.rate, this.warmupSeconds, this.windowSeconds,
					this.windows, this.invalidFraction, this.adaptiveWarmup, false);
		}
	}

	/**
	 * Counters and latency histograms of one measured window, shared by the workers and updated under its
	 * lock (a few thousand records per second: no contention worth the name; a copy per worker would cost
	 * ~300 KB of histograms per worker and window, ~2 GB at 1,000 workers).
	 */
	static final class WindowStats {

		final Histogram valid = new Histogram(120_000_000L, 3); // microseconds

		final Histogram invalid = new Histogram(120_000_000L, 3);

		final Map<String, Long> outcomes = new TreeMap<>(); // "kind -> outcome"

		/** Valid refreshes answered 200, by instance ("A", "B"), when the system has more than one. */
		final Map<String, Long> validOkByInstance = new TreeMap<>();

		long validOk;

		long validFailed;

		long invalidRejected;

		long invalidAccepted;

		long invalidError;

		long nanos;

		/** CPU seconds used during the window: server process, generator, whole machine. */
		double serverCpu = Double.NaN;

		double generatorCpu = Double.NaN;

		double machineCpu = Double.NaN;

		/** Other processes used more than {@link #DISTURBED_CORES} cores: re-measured, left out of the medians. */
		boolean disturbed;

		double otherCores() {
			if (Double.isNaN(this.machineCpu)) {
				return Double.NaN;
			}
			return Math.max(0, this.machineCpu - (Double.isNaN(this.serverCpu) ? 0 : this.serverCpu) - this.generatorCpu)
					/ seconds();
		}

		/** One request: its "kind -> outcome", whether it was a valid one, how it ended, its latency. */
		void record(String outcome, boolean validKind, boolean success, boolean accepted, long micros) {
			this.outcomes.merge(outcome, 1L, Long::sum);
			if (validKind) {
				this.valid.recordValue(micros);
				if (success) {
					this.validOk++;
				}
				else {
					this.validFailed++;
				}
			}
			else {
				this.invalid.recordValue(micros);
				if (success) {
					this.invalidRejected++;
				}
				else if (accepted) {
					this.invalidAccepted++;
				}
				else {
					this.invalidError++;
				}
			}
		}

		void merge(WindowStats o) {
			o.validOkByInstance.forEach((k, v) -> this.validOkByInstance.merge(k, v, Long::sum));
			this.valid.add(o.valid);
			this.invalid.add(o.invalid);
			o.outcomes.forEach((k, v) -> this.outcomes.merge(k, v, Long::sum));
			this.validOk += o.validOk;
			this.validFailed += o.validFailed;
			this.invalidRejected += o.invalidRejected;
			this.invalidAccepted += o.invalidAccepted;
			this.invalidError += o.invalidError;
		}

		long requests() {
			return this.validOk + this.validFailed + this.invalidRejected + this.invalidAccepted + this.invalidError;
		}

		double seconds() {
			return this.nanos / 1e9;
		}

		Map<String, Object> toMap() {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("seconds", round(seconds(), 3));
			if (this.disturbed) {
				m.put("disturbed", true);
			}
			m.put("refresh_per_s", round(this.validOk / seconds(), 1));
			m.put("requests_per_s", round(requests() / seconds(), 1));
			m.put("valid_ok", this.validOk);
			if (!this.validOkByInstance.isEmpty()) {
				m.put("valid_ok_by_instance", this.validOkByInstance);
			}
			m.put("valid_failed", this.validFailed);
			m.put("invalid_rejected", this.invalidRejected);
			m.put("invalid_accepted", this.invalidAccepted);
			m.put("invalid_error", this.invalidError);
			m.put("valid_latency_ms", latency(this.valid));
			if (!Double.isNaN(this.machineCpu)) {
				m.put("cpu", cpuMap());
			}
			if (this.invalid.getTotalCount() > 0) {
				m.put("invalid_latency_ms", latency(this.invalid));
			}
			m.put("outcomes", this.outcomes);
			return m;
		}

		/** Cores used on average during the window by the server, the generator, and everything else. */
		Map<String, Object> cpuMap() {
			Map<String, Object> m = new LinkedHashMap<>();
			double secs = seconds();
			m.put("server_cores", round(this.serverCpu / secs, 2));
			m.put("generator_cores", round(this.generatorCpu / secs, 2));
			double other = this.machineCpu - (Double.isNaN(this.serverCpu) ? 0 : this.serverCpu) - this.generatorCpu;
			m.put("other_cores", round(Math.max(0, other) / secs, 2));
			m.put("server_cpu_ms_per_request", round(1000 * this.serverCpu / Math.max(1, requests()), 3));
			return m;
		}

		static Map<String, Object> latency(Histogram h) {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("count", h.getTotalCount());
			m.put("p50", ms(h.getValueAtPercentile(50)));
			m.put("p90", ms(h.getValueAtPercentile(90)));
			m.put("p99", ms(h.getValueAtPercentile(99)));
			m.put("max", ms(h.getMaxValue()));
			m.put("mean", round(h.getMean() / 1000.0, 3));
			return m;
		}
	}

	/** The result of one run: its windows, and the medians over them. */
	static final class Result {

		final Plan plan;

		/** The windows the medians are taken over: the undisturbed ones (all of them if none was quiet). */
		final List<WindowStats> windows;

		/** Every measured window, disturbed ones included. */
		final List<WindowStats> all;

		final int familiesUsed;

		final int familiesLost;

		final int sacrificialUsed;

		final WindowStats total = new WindowStats();

		double warmupUsed = Double.NaN;

		Result(Plan plan, List<WindowStats> windows, int familiesUsed, int familiesLost, int sacrificialUsed) {
			this.plan = plan;
			this.all = windows;
			List<WindowStats> quiet = windows.stream().filter(w -> !w.disturbed).toList();
			this.windows = quiet.isEmpty() || !plan.remeasureDisturbed() ? windows : quiet;
			this.familiesUsed = familiesUsed;
			this.familiesLost = familiesLost;
			this.sacrificialUsed = sacrificialUsed;
			for (WindowStats w : this.windows) {
				this.total.merge(w);
				this.total.nanos += w.nanos;
			}
		}

		double refreshPerSec() {
			return median(this.windows.stream().mapToDouble(w -> w.validOk / w.seconds()).toArray());
		}

		double requestsPerSec() {
			return median(this.windows.stream().mapToDouble(w -> w.requests() / w.seconds()).toArray());
		}

		/** Median over windows of each instance's valid refreshes per second (empty: one instance). */
		Map<String, Double> refreshPerSecByInstance() {
			Map<String, Double> m = new TreeMap<>();
			this.total.validOkByInstance.keySet()
				.forEach(k -> m.put(k, median(this.windows.stream()
					.mapToDouble(w -> w.validOkByInstance.getOrDefault(k, 0L) / w.seconds())
					.toArray())));
			return m;
		}

		/** Median over windows of a percentile of valid-request latency, in ms. */
		double validMs(double percentile) {
			return median(this.windows.stream().mapToDouble(w -> pct(w.valid, percentile)).toArray());
		}

		/** Median over windows of server CPU ms per request (NaN if unknown). */
		double serverCpuMsPerRequest() {
			return median(this.windows.stream().mapToDouble(w -> 1000 * w.serverCpu / Math.max(1, w.requests())).toArray());
		}

		/** Median over windows of the cores used by processes other than the server and the generator. */
		double otherCores() {
			return median(this.windows.stream().mapToDouble(WindowStats::otherCores).toArray());
		}

		double serverCores() {
			return median(this.windows.stream().mapToDouble(w -> w.serverCpu / w.seconds()).toArray());
		}

		double generatorCores() {
			return median(this.windows.stream().mapToDouble(w -> w.generatorCpu / w.seconds()).toArray());
		}

		double invalidMs(double percentile) {
			return median(this.windows.stream().mapToDouble(w -> pct(w.invalid, percentile)).toArray());
		}

		/** Non-200 outcomes (and 200s to invalid requests) over all windows, by "kind -> outcome". */
		Map<String, Long> errors() {
			Map<String, Long> m = new TreeMap<>();
			this.total.outcomes.forEach((k, v) -> {
				boolean validKind = k.startsWith("valid");
				boolean ok = k.endsWith("-> 200");
				if (!validKind || !ok) {
					m.put(k, v);
				}
			});
			return m;
		}

		Map<String, Object> toMap() {
			Map<String, Object> m = new LinkedHashMap<>();
			m.put("label", this.plan.label());
			m.put("mode", this.plan.mode().name().toLowerCase());
			m.put("loop", this.plan.rate() > 0 ? "open" : "closed");
			if (this.plan.rate() > 0) {
				m.put("target_rate_per_s", round(this.plan.rate(), 1));
			}
			m.put("concurrency", this.plan.concurrency());
			m.put("families", this.familiesUsed);
			m.put("warmup_min_s", this.plan.warmupSeconds());
			m.put("warmup_used_s", round(this.warmupUsed, 1));
			m.put("window_s", this.plan.windowSeconds());
			m.put("windows", this.plan.windows());
			m.put("windows_measured", this.all.size());
			m.put("windows_disturbed", this.all.stream().filter(w -> w.disturbed).count());
			if (this.plan.mode() == Mode.MIXED) {
				m.put("invalid_fraction", this.plan.invalidFraction());
				m.put("sacrificial_families_used", this.sacrificialUsed);
			}
			Map<String, Object> med = new LinkedHashMap<>();
			med.put("refresh_per_s", round(refreshPerSec(), 1));
			med.put("requests_per_s", round(requestsPerSec(), 1));
			if (!refreshPerSecByInstance().isEmpty()) {
				Map<String, Object> by = new LinkedHashMap<>();
				refreshPerSecByInstance().forEach((k, v) -> by.put(k, round(v, 1)));
				med.put("refresh_per_s_by_instance", by);
			}
			med.put("p50_ms", round(validMs(50), 3));
			med.put("p90_ms", round(validMs(90), 3));
			med.put("p99_ms", round(validMs(99), 3));
			med.put("max_ms", round(validMs(100), 3));
			if (this.total.invalid.getTotalCount() > 0) {
				med.put("invalid_p50_ms", round(invalidMs(50), 3));
				med.put("invalid_p99_ms", round(invalidMs(99), 3));
			}
			med.put("server_cpu_ms_per_request", round(serverCpuMsPerRequest(), 3));
			med.put("server_cores", round(serverCores(), 2));
			med.put("generator_cores", round(generatorCores(), 2));
			med.put("other_cores", round(otherCores(), 2));
			m.put("median", med);
			m.put("families_lost", this.familiesLost);
			m.put("errors", errors());
			m.put("total", this.total.toMap());
			List<Object> ws = new ArrayList<>();
			for (WindowStats w : this.all) {
				ws.add(w.toMap());
			}
			m.put("per_window", ws);
			return m;
		}
	}

	/** A window during which other processes used more CPU than this is disturbed. */
	static final double DISTURBED_CORES = 0.2;

	private final Http http;

	private final Sut sut;

	/** Warm-up is adaptive (closed loop): at least plan.warmupSeconds, then until throughput stops rising. */
	private final int maxWarmupSeconds;

	/** Successful valid refreshes since the run started, warm-up included (drives the adaptive warm-up). */
	private final java.util.concurrent.atomic.LongAdder progress = new java.util.concurrent.atomic.LongAdder();

	Load(Http http, Sut sut, int maxWarmupSeconds) {
		this.http = http;
		this.sut = sut;
		this.maxWarmupSeconds = maxWarmupSeconds;
	}

	private volatile int phase = -1;

	private volatile boolean stop;

	/** Runs the plan; bounded by warm-up + windows (+ the request timeout to drain). */
	Result run(Plan plan, List<Family> families, Queue<Family> sacrificial) throws InterruptedException {
		this.phase = -1;
		this.stop = false;
		int c = plan.concurrency();
		List<List<Family>> shares = new ArrayList<>();
		for (int w = 0; w < c; w++) {
			shares.add(new ArrayList<>());
		}
		for (int i = 0; i < families.size(); i++) {
			shares.get(i % c).add(families.get(i));
		}
		int sacrificialBefore = sacrificial == null ? 0 : sacrificial.size();
		// a disturbed window is measured again, at most reps extra windows
		int maxWindows = plan.remeasureDisturbed() ? plan.windows() * 2 : plan.windows();
		WindowStats[] stats = new WindowStats[maxWindows];
		for (int r = 0; r < maxWindows; r++) {
			stats[r] = new WindowStats();
		}
		List<Thread> threads = new ArrayList<>();
		long start = System.nanoTime() + 20_000_000L;
		for (int w = 0; w < c; w++) {
			Worker wk = new Worker(plan, shares.get(w), sacrificial, stats, w, start);
			Thread t = new Thread(wk, "load-" + plan.label() + "-" + w);
			t.setDaemon(true);
			threads.add(t);
			t.start();
		}
		long[] windowNanos = new long[maxWindows];
		Cpu.Sample[] cpu = new Cpu.Sample[maxWindows * 2];
		boolean[] disturbed = new boolean[maxWindows];
		long[] serverPids = this.sut.serverPids();
		int measured = 0;
		double warmupUsed = Double.NaN;
		this.progress.reset();
		try {
			warmupUsed = warmUp(plan, start);
			System.out.printf(Locale.ROOT, "   (%s: warm-up %.0f s)%n", plan.label(), warmupUsed);
			int quiet = 0;
			for (int r = 0; r < maxWindows && quiet < plan.windows(); r++) {
				cpu[2 * r] = Cpu.sample(serverPids);
				long t0 = System.nanoTime();
				this.phase = r;
				sleepUntil(t0 + plan.windowSeconds() * 1_000_000_000L);
				this.phase = -2; // between windows: nothing is recorded
				windowNanos[r] = System.nanoTime() - t0;
				cpu[2 * r + 1] = Cpu.sample(serverPids);
				measured = r + 1;
				double busy = cpu[2 * r + 1].machineBusy() - cpu[2 * r].machineBusy();
				double server = serverPids.length > 0 ? cpu[2 * r + 1].server() - cpu[2 * r].server() : 0;
				double other = (busy - server - (cpu[2 * r + 1].generator() - cpu[2 * r].generator()))
						/ (windowNanos[r] / 1e9);
				disturbed[r] = other > DISTURBED_CORES;
				if (disturbed[r]) {
					System.out.printf(Locale.ROOT, "   (window %d of %s disturbed: other processes used %.2f cores%s)%n",
							r + 1, plan.label(), other,
							!plan.remeasureDisturbed() ? ", kept" : r + 1 < maxWindows ? ", measuring again" : "");
				}
				else {
					quiet++;
				}
			}
		}
		finally {
			this.phase = -3;
			this.stop = true;
			long joinDeadline = System.nanoTime() + (this.http.timeout.toMillis() + 5_000) * 1_000_000L;
			for (Thread t : threads) {
				t.join(Math.max(1, (joinDeadline - System.nanoTime()) / 1_000_000L));
				if (t.isAlive()) {
					t.interrupt();
				}
			}
		}
		List<WindowStats> merged = new ArrayList<>();
		for (int r = 0; r < measured; r++) {
			WindowStats m = stats[r];
			m.nanos = windowNanos[r];
			if (cpu[2 * r] != null && cpu[2 * r + 1] != null) {
				m.serverCpu = cpu[2 * r + 1].server() - cpu[2 * r].server();
				m.generatorCpu = cpu[2 * r + 1].generator() - cpu[2 * r].generator();
				m.machineCpu = cpu[2 * r + 1].machineBusy() - cpu[2 * r].machineBusy();
			}
			m.disturbed = disturbed[r];
			merged.add(m);
		}
		int lost = (int) families.stream().filter(f -> f.dead).count();
		int used = sacrificial == null ? 0 : sacrificialBefore - sacrificial.size();
		Result res = new Result(plan, merged, families.size(), lost, used);
		res.warmupUsed = warmupUsed;
		return res;
	}

	/**
	 * Closed loop: warms up in 10 s slices for at least {@code plan.warmupSeconds}, then until two slices in
	 * a row are each not more than 3 % faster than the one before (the JIT of a Spring app on 2 cores takes
	 * 60-90 s and plateaus on the way: one flat slice stopped a fresh instance ~25 % short of its speed), at
	 * most {@code maxWarmupSeconds}. Open loop: exactly {@code plan.warmupSeconds}. Returns the seconds used.
	 */
	private double warmUp(Plan plan, long start) throws InterruptedException {
		long min = start + plan.warmupSeconds() * 1_000_000_000L;
		if (plan.rate() > 0 || !plan.adaptiveWarmup() || this.maxWarmupSeconds <= plan.warmupSeconds()) {
			sleepUntil(min);
			return plan.warmupSeconds();
		}
		long max = start + this.maxWarmupSeconds * 1_000_000_000L;
		long slice = 10_000_000_000L;
		long t = start;
		long c = this.progress.sum();
		double prev = Double.NaN;
		int stableSlices = 0;
		while (true) {
			sleepUntil(t + slice);
			long now = System.nanoTime();
			long c1 = this.progress.sum();
			double rate = (c1 - c) / ((now - t) / 1e9);
			stableSlices = (!Double.isNaN(prev) && rate <= prev * 1.03) ? stableSlices + 1 : 0;
			if ((now >= min && stableSlices >= 2) || now >= max) {
				return (now - start) / 1e9;
			}
			prev = rate;
			t = now;
			c = c1;
		}
	}

	private static void sleepUntil(long deadline) throws InterruptedException {
		long left;
		while ((left = deadline - System.nanoTime()) > 0) {
			Thread.sleep(Math.max(1, Math.min(left / 1_000_000L, 200)));
		}
	}

	private static final String B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

	/** Per-request action of the mixed mode. */
	enum Action {

		VALID, REPLAY_PAIR, WRONG_SECRET, GARBAGE

	}

	private final class Worker implements Runnable {

		final Plan plan;

		final List<Family> mine;

		final Queue<Family> sacrificial;

		final WindowStats[] stats;

		final SplittableRandom rnd;

		final String basic;

		final String wrongBasic;

		final String url;

		/** "A", "B": the instance this worker sends to, when the system has several; null for one. */
		final String instance;

		final long period;

		long nextSlot;

		int cursor;

		final List<Action> cycle = new ArrayList<>();

		int cycleAt;

		Worker(Plan plan, List<Family> mine, Queue<Family> sacrificial, WindowStats[] stats, int index, long start) {
			this.plan = plan;
			this.mine = mine;
			this.sacrificial = sacrificial;
			this.stats = stats;
			this.rnd = new SplittableRandom(0x5eed + index * 7919L);
			this.basic = Http.basic(Load.this.sut.clientId, Load.this.sut.clientSecret);
			this.wrongBasic = Http.basic(Load.this.sut.clientId, "not-the-" + Load.this.sut.clientSecret);
			this.url = Load.this.sut.tokenUrl(index);
			this.instance = Load.this.sut.instances() > 1 ? instanceName(Load.this.sut.instanceOf(index)) : null;
			if (plan.rate() > 0) {
				this.period = (long) (1e9 * plan.concurrency() / plan.rate());
				this.nextSlot = start + this.period * index / plan.concurrency();
			}
			else {
				this.period = 0;
			}
			if (plan.mode() == Mode.MIXED) {
				// per cycle: a own-family refreshes, 1 sacrificial rotation + its replay, 1 wrong secret, 1 garbage
				// => invalid fraction = 3 / (a + 4)
				int a = (int) Math.max(0, Math.round(3.0 / plan.invalidFraction() - 4));
				for (int i = 0; i < a; i++) {
					this.cycle.add(Action.VALID);
				}
				this.cycle.add(Action.REPLAY_PAIR);
				this.cycle.add(Action.WRONG_SECRET);
				this.cycle.add(Action.GARBAGE);
				Collections.shuffle(this.cycle, new Random(this.rnd.nextLong()));
			}
			else {
				this.cycle.add(Action.VALID);
			}
		}

		/** Start time of the next request: now (closed loop) or its scheduled time (open loop); -1 to stop. */
		long slot() {
			if (this.period == 0) {
				return Load.this.stop ? -1 : System.nanoTime();
			}
			long t = this.nextSlot;
			this.nextSlot += this.period;
			long left;
			while ((left = t - System.nanoTime()) > 0) {
				if (Load.this.stop) {
					return -1;
				}
				LockSupport.parkNanos(Math.min(left, 50_000_000L));
			}
			return Load.this.stop ? -1 : t;
		}

		Family nextLive() {
			for (int i = 0; i < this.mine.size(); i++) {
				Family f = this.mine.get(this.cursor);
				this.cursor = (this.cursor + 1) % this.mine.size();
				if (!f.dead) {
					return f;
				}
			}
			return null;
		}

		@Override
		public void run() {
			try {
				while (!Load.this.stop) {
					Action a = this.cycle.get(this.cycleAt);
					this.cycleAt = (this.cycleAt + 1) % this.cycle.size();
					if (this.cycleAt == 0 && this.cycle.size() > 1) {
						Collections.shuffle(this.cycle, new Random(this.rnd.nextLong()));
					}
					switch (a) {
						case VALID -> {
							Family f = nextLive();
							if (f == null) {
								Thread.sleep(50); // every family of this worker is gone
								continue;
							}
							long t0 = slot();
							if (t0 < 0) {
								return;
							}
							refresh(f, "valid", t0);
						}
						case REPLAY_PAIR -> {
							Family s = this.sacrificial == null ? null : this.sacrificial.poll();
							long t0 = slot();
							if (t0 < 0) {
								return;
							}
							if (s == null) {
								invalid("replay-unavailable(garbage)", this.basic, garbage(), t0);
								continue;
							}
							String old = s.token;
							if (refresh(s, "valid-sacrificial", t0)) {
								long t1 = slot();
								if (t1 < 0) {
									return;
								}
								invalid("replay", this.basic, old, t1);
							}
						}
						case WRONG_SECRET -> {
							long t0 = slot();
							if (t0 < 0) {
								return;
							}
							invalid("wrong-secret", this.wrongBasic, randomB64(43), t0);
						}
						case GARBAGE -> {
							long t0 = slot();
							if (t0 < 0) {
								return;
							}
							invalid("garbage", this.basic, garbage(), t0);
						}
					}
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		/** A valid refresh: expects 200 and a new refresh token. */
		boolean refresh(Family f, String kind, long t0) throws InterruptedException {
			String outcome;
			boolean ok = false;
			try {
				HttpResponse<String> r = Load.this.http.postForm(this.url, this.basic,
						"grant_type=refresh_token&refresh_token=" + Http.form(f.token));
				if (r.statusCode() == 200) {
					String next = Http.jsonString(r.body(), "refresh_token");
					if (next != null) {
						f.token = next;
						ok = true;
						outcome = "200";
					}
					else {
						outcome = "200 without refresh_token";
					}
				}
				else {
					outcome = r.statusCode() + " " + errorCode(r.body());
				}
			}
			catch (java.io.IOException ex) {
				outcome = "io " + ex.getClass().getSimpleName();
			}
			long t1 = System.nanoTime();
			if (!ok) {
				f.dead = true; // state unknown now: never present this family again
			}
			else {
				Load.this.progress.increment();
			}
			record(kind, true, outcome, ok, false, t0, t1);
			return ok;
		}

		/** An invalid request: expects a 4xx. */
		void invalid(String kind, String authorization, String token, long t0) throws InterruptedException {
			String outcome;
			int status = -1;
			try {
				HttpResponse<String> r = Load.this.http.postForm(this.url, authorization,
						"grant_type=refresh_token&refresh_token=" + Http.form(token));
				status = r.statusCode();
				outcome = status == 200 ? "200" : status + " " + errorCode(r.body());
			}
			catch (java.io.IOException ex) {
				outcome = "io " + ex.getClass().getSimpleName();
			}
			long t1 = System.nanoTime();
			record(kind, false, outcome, status >= 400 && status < 500, status == 200, t0, t1);
		}

		void record(String kind, boolean validKind, String outcome, boolean success, boolean accepted, long t0,
				long t1) {
			int ph = Load.this.phase;
			if (ph < 0 || ph >= this.stats.length) {
				return;
			}
			long us = Math.max(1, Math.min((t1 - t0) / 1000, 120_000_000L));
			WindowStats s = this.stats[ph];
			synchronized (s) {
				s.record(kind + " -> " + outcome, validKind, success, accepted, us);
				if (validKind && success && this.instance != null) {
					s.validOkByInstance.merge(this.instance, 1L, Long::sum);
				}
			}
		}

		String randomB64(int len) {
			char[] c = new char[len];
			for (int i = 0; i < len; i++) {
				c[i] = B64URL.charAt(this.rnd.nextInt(64));
			}
			return new String(c);
		}

		/** Tokens no server ever issued: token-shaped, odd lengths, JWT-shaped, arbitrary bytes. */
		String garbage() {
			return switch (this.rnd.nextInt(4)) {
				case 0 -> randomB64(43);
				case 1 -> randomB64(1 + this.rnd.nextInt(256));
				case 2 -> "eyJhbGciOiJub25lIn0." + randomB64(60) + "." + randomB64(20);
				default -> {
					StringBuilder b = new StringBuilder();
					int n = 1 + this.rnd.nextInt(64);
					for (int i = 0; i < n; i++) {
						b.append((char) (0x20 + this.rnd.nextInt(0x5f)));
					}
					b.append('\u00e9');
					yield b.toString();
				}
			};
		}
	}

	/** Instance 0, 1, ... of a system as the report names it: A, B, ... */
	static String instanceName(int instance) {
		return String.valueOf((char) ('A' + instance));
	}

	static String errorCode(String body) {
		String e = Http.jsonString(body, "error");
		return e == null ? "-" : e;
	}

	static final SecureRandom SEED = new SecureRandom();

	static String randomToken() {
		byte[] b = new byte[32];
		SEED.nextBytes(b);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
	}

	static double pct(Histogram h, double p) {
		if (h.getTotalCount() == 0) {
			return Double.NaN;
		}
		return (p >= 100 ? h.getMaxValue() : h.getValueAtPercentile(p)) / 1000.0;
	}

	static double median(double[] v) {
		double[] s = Arrays.stream(v).filter(d -> !Double.isNaN(d)).sorted().toArray();
		if (s.length == 0) {
			return Double.NaN;
		}
		return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
	}

	static double ms(long micros) {
		return round(micros / 1000.0, 3);
	}

	static double round(double v, int places) {
		if (Double.isNaN(v) || Double.isInfinite(v)) {
			return v;
		}
		double f = Math.pow(10, places);
		return Math.round(v * f) / f;
	}
}
