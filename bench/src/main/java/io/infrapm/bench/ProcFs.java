package io.infrapm.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What Linux tells about the machine and a process; zero where {@code /proc} is missing.
 */
final class ProcFs {

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
