package io.infrapm.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for servers that will be bound later, often by another process: the ports a test
 * hands to a platform it launches, or that a platform hands to the services it starts.
 *
 * <p>
 * A port found free by binding port 0 comes from the kernel's ephemeral range, the same
 * range the kernel draws from for every later {@code bind(0)} and for the local side of
 * every outgoing connection; between the choice and the real bind, one of those can take
 * it, and the server then fails with "in use". The ports given here come from below that
 * range instead (read from {@code /proc/sys/net/ipv4/ip_local_port_range} where it
 * exists), at random, each at most once per JVM, and free when chosen. What is left is a
 * race with some other process choosing the same way, which this project's tests never
 * run side by side.
 */
public final class LoopbackPorts {

	private static final int LOWEST = 20000;

	private static final int DEFAULT_EPHEMERAL_START = 32768;

	private static final Set<Integer> handedOut = ConcurrentHashMap.newKeySet();

	private LoopbackPorts() {
	}

	/**
	 * A port free on 127.0.0.1 now, outside the ephemeral range and not handed out before
	 * by this JVM.
	 * @return the port
	 */
	public static int pick() {
		int ceiling = ephemeralStart();
		if (ceiling - LOWEST < 1000) {
			return Ports.free();
		}
		for (int attempt = 0; attempt < 1000; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(LOWEST, ceiling);
			if (Ports.isFree(port) && handedOut.add(port)) {
				return port;
			}
		}
		throw new IllegalStateException("No free port on 127.0.0.1 between " + LOWEST + " and " + ceiling);
	}

	private static int ephemeralStart() {
		Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
		try {
			if (Files.isReadable(range)) {
				// Read as a stream of lines: a file of /proc reports a size that need not
				// be its length, and reading all its bytes at once may trust that size
				// (here it gave "3" of "32768 60999", so that every port came from the
				// ephemeral range after all).
				try (BufferedReader reader = Files.newBufferedReader(range)) {
					String line = reader.readLine();
					if (line != null) {
						return Integer.parseInt(line.trim().split("\\s+")[0]);
					}
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// fall through to the usual default
		}
		return DEFAULT_EPHEMERAL_START;
	}

}
