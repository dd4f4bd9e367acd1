package bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU accounting from /proc (Linux): CPU seconds used by the server process, by this generator, and
 * by the whole machine, so every window can tell how the 2 cores were shared (and whether something
 * else was running on the box). Returns NaN where /proc is unavailable.
 */
final class Cpu {

	private static final double HZ = 100.0; // USER_HZ

	record Sample(double server, double generator, double machineBusy) {
	}

	private Cpu() {
	}

	/** The server's CPU is the sum over {@code serverPids} (two instances: both JVMs); NaN for none. */
	static Sample sample(long... serverPids) {
		double server = serverPids.length == 0 ? Double.NaN : 0;
		for (long pid : serverPids) {
			server += pid > 0 ? process(pid) : Double.NaN;
		}
		return new Sample(server, process(ProcessHandle.current().pid()), machineBusy());
	}

	/** utime + stime of a process (all its threads), seconds. */
	static double process(long pid) {
		try {
			String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
			String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
			// after "pid (comm) ": state=0 ... utime=11 stime=12
			return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / HZ;
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}

	/** Busy CPU seconds of the machine (all cores): everything but idle and iowait. */
	static double machineBusy() {
		try {
			String line = Files.readAllLines(Path.of("/proc/stat")).get(0);
			String[] f = line.trim().split("\\s+");
			long total = 0;
			for (int i = 1; i < Math.min(f.length, 9); i++) {
				total += Long.parseLong(f[i]);
			}
			long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
			return (total - idle) / HZ;
		}
		catch (IOException | RuntimeException ex) {
			return Double.NaN;
		}
	}
}
