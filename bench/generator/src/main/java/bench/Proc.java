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
