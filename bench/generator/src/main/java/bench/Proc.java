package bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Server processes started by the bench. Every one is registered here; a JVM shutdown hook (and
 * {@link #stop}) ends it and its descendants, and their pids are listed in a file that bench/run.sh
 * kills on exit in case this JVM itself is killed hard.
 */
final class Proc {

	private static final Set<Proc> LIVE = ConcurrentHashMap.newKeySet();

	static volatile Path pidFile;

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			for (Proc p : List.copyOf(LIVE)) {
				p.stop();
			}
		}, "bench-kill-servers"));
	}

	final String name;

	final Process process;

	final Path log;

	private Proc(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static Proc start(String name, List<String> command, Map<String, String> env, Path workDir, Path log)
			throws IOException {
		ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
		pb.environment().putAll(env);
		Proc p = new Proc(name, pb.start(), log);
		LIVE.add(p);
		writePids();
		return p;
	}

	boolean alive() {
		return this.process.isAlive();
	}

	long pid() {
		return this.process.pid();
	}

	void stop() {
		List<ProcessHandle> kids = this.process.descendants().toList();
		this.process.destroy();
		try {
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				this.process.waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		for (ProcessHandle k : kids) {
			if (k.isAlive()) {
				k.destroyForcibly();
			}
		}
		LIVE.remove(this);
		writePids();
	}

	String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException | RuntimeException ex) {
			return "(no log: " + ex + ")";
		}
	}

	private static synchronized void writePids() {
		Path f = pidFile;
		if (f == null) {
			return;
		}
		try {
			String pids = LIVE.stream().map(p -> Long.toString(p.pid())).collect(Collectors.joining("\n"));
			Files.writeString(f, pids.isEmpty() ? "" : pids + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
					StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
		}
		catch (IOException ex) {
			// best effort
		}
	}

	/**
	 * Runs a full GC in this JVM ({@code jcmd <pid> GC.run}) and returns its used heap afterwards
	 * ({@code GC.heap_info}), in bytes; -1 if jcmd failed or its output was not understood.
	 */
	long heapUsedAfterGc(String jcmd) {
		String pid = Long.toString(pid());
		if (run(List.of(jcmd, pid, "GC.run"), 60) == null) {
			return -1;
		}
		String info = run(List.of(jcmd, pid, "GC.heap_info"), 30);
		return info == null ? -1 : heapUsed(info);
	}

	private static final Pattern USED = Pattern.compile("used (\\d+)([KMG])|(\\d+)([KMG]) used");

	/** The first "used NNNK" (G1, Parallel, Serial, ZGC) or "NNNK used" (Shenandoah) of GC.heap_info. */
	static long heapUsed(String heapInfo) {
		Matcher m = USED.matcher(heapInfo);
		if (!m.find()) {
			return -1;
		}
		long n = Long.parseLong(m.group(1) != null ? m.group(1) : m.group(3));
		String unit = m.group(2) != null ? m.group(2) : m.group(4);
		return n << switch (unit) {
			case "K" -> 10;
			case "M" -> 20;
			default -> 30;
		};
	}

	/** Output of a short command, or null if it failed or did not end in time. */
	private static String run(List<String> command, int seconds) {
		try {
			Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
			String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			boolean done = p.waitFor(seconds, TimeUnit.SECONDS);
			if (!done) {
				p.destroyForcibly();
			}
			return done && p.exitValue() == 0 ? out : null;
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/** jcmd next to the given java binary, else the one on the PATH. */
	static String jcmd(String java) {
		Path sibling = Path.of(java).resolveSibling("jcmd");
		return Files.isExecutable(sibling) ? sibling.toString() : "jcmd";
	}

	/**
	 * TCP connections in state ESTABLISHED whose local port is {@code port}: the server's side of every
	 * open connection (what {@code ss -tn state established '( sport = :PORT )'} counts), from
	 * /proc/net/tcp and tcp6; -1 where /proc is unavailable.
	 */
	static int established(int port) {
		String hexPort = String.format(":%04X", port);
		int n = 0;
		boolean read = false;
		for (String f : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			try {
				for (String line : Files.readAllLines(Path.of(f))) {
					String[] c = line.trim().split("\\s+");
					if (c.length > 3 && c[1].endsWith(hexPort) && c[3].equals("01")) {
						n++;
					}
				}
				read = true;
			}
			catch (IOException | RuntimeException ex) {
				// the other file may still be there
			}
		}
		return read ? n : -1;
	}

	/** A currently free TCP port on 127.0.0.1. */
	static int freePort() throws IOException {
		try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			s.setReuseAddress(true);
			return s.getLocalPort();
		}
	}

	/** Output of {@code java -version} of the given java binary. */
	static String javaVersion(String java) {
		try {
			Process p = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
			String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			p.waitFor(20, TimeUnit.SECONDS);
			return out;
		}
		catch (IOException | InterruptedException ex) {
			return "unknown (" + ex + ")";
		}
	}

	/**
	 * The collector of ours-lowpause: Shenandoah where this java has it, else ZGC. On G1's defaults
	 * young pauses set p99 at half of peak (12-16 ms); both concurrent collectors kept it at ~7 ms
	 * (bench/README.md, "Latency and the collector").
	 */
	static String lowPauseCollector(String java) {
		try {
			Process p = new ProcessBuilder(java, "-XX:+UseShenandoahGC", "-version").redirectErrorStream(true).start();
			p.getInputStream().readAllBytes();
			boolean done = p.waitFor(20, TimeUnit.SECONDS);
			return done && p.exitValue() == 0 ? "-XX:+UseShenandoahGC" : "-XX:+UseZGC";
		}
		catch (IOException | InterruptedException ex) {
			return "-XX:+UseZGC";
		}
	}

	static List<String> split(String opts) {
		List<String> r = new ArrayList<>();
		for (String s : opts.trim().split("\\s+")) {
			if (!s.isBlank()) {
				r.add(s);
			}
		}
		return r;
	}
}
