package io.infrapm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux tells about the machine and a process; zero where {@code /proc} is missing.
 */
final class ProcFs {

	/**
	 * Linux counts CPU time in ticks of 10 ms ({@code USER_HZ}) on every architecture.
	 */
	private static final long MILLIS_PER_TICK = 10;

	private ProcFs() {
	}

	static long memTotalKb() {
		return field(Path.of("/proc/meminfo"), "MemTotal:");
	}

	static long residentKb(long pid) {
		return field(Path.of("/proc/" + pid + "/status"), "VmRSS:");
	}

	static double loadAverage() {
		try {
			return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * CPU time a process has used, user and system, from {@code /proc/<pid>/stat}.
	 * @param pid the process
	 * @return milliseconds, or -1 if it cannot be read
	 */
	static long cpuMillis(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
			// The command name, in parentheses, may hold spaces: count fields after it.
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			// utime and stime are fields 14 and 15 of the whole line, 12 and 13 after it.
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * MILLIS_PER_TICK;
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/**
	 * The machine's CPU time so far, from the first line of {@code /proc/stat}.
	 * @return busy and total milliseconds over all cores, or zeros if it cannot be read
	 */
	static long[] machineCpuMillis() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long total = 0;
			long idle = 0;
			// user nice system idle iowait irq softirq steal (guest time is within user)
			for (int i = 1; i <= 8 && i < fields.length; i++) {
				long ticks = Long.parseLong(fields[i]);
				total += ticks;
				if (i == 4 || i == 5) {
					idle += ticks;
				}
			}
			return new long[] { (total - idle) * MILLIS_PER_TICK, total * MILLIS_PER_TICK };
		}
		catch (IOException | RuntimeException ex) {
			return new long[] { 0, 0 };
		}
	}

	private static long field(Path file, String name) {
		try {
			for (String line : Files.readAllLines(file)) {
				if (line.startsWith(name)) {
					return Long.parseLong(line.substring(name.length()).trim().split("\\s+")[0]);
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux, or the process is gone
		}
		return 0;
	}

}
