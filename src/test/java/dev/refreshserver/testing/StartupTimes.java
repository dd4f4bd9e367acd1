package dev.refreshserver.testing;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures how long an embedded server takes to start in a JVM that already started one: starts
 * one, then {@code args[0]} (default 7) more, each in a configuration of its own, and prints each
 * time and the median, with the CPU time of the starting thread (less sensitive to other load on a
 * shared machine). Further arguments {@code name=value} are server settings. Not a test (speed is never asserted): run it by hand, on a quiet machine
 * when the number is to be quoted.
 */
public final class StartupTimes {

	private StartupTimes() {
	}

	public static void main(String[] args) {
		int starts = (args.length > 0) ? Integer.parseInt(args[0]) : 7;
		RefreshServerExtension.builder().client("warm-up", "secret", "read").build().issuer();
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		List<Long> millis = new ArrayList<>();
		List<Long> cpuMillis = new ArrayList<>();
		for (int i = 0; i < starts; i++) {
			long started = System.nanoTime();
			long cpu = threads.getCurrentThreadCpuTime();
			RefreshServerExtension.Builder builder = RefreshServerExtension.builder().client("app-" + i, "secret", "read");
			for (String setting : args) {
				if (setting.contains("=")) {
					builder.property(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
				}
			}
			builder.build().issuer();
			millis.add((System.nanoTime() - started) / 1_000_000);
			cpuMillis.add((threads.getCurrentThreadCpuTime() - cpu) / 1_000_000);
		}
		System.out.println("STARTUP warm starts, wall (ms): " + millis + ", median " + median(millis)
				+ "; CPU of the starting thread (ms): " + cpuMillis + ", median " + median(cpuMillis)
				+ "; load average " + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		System.exit(0);
	}

	private static long median(List<Long> values) {
		return values.stream().sorted().toList().get(values.size() / 2);
	}
}
