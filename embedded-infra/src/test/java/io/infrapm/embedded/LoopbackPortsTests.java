package io.infrapm.embedded;

import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@link LoopbackPorts} hands out ports from below the kernel's ephemeral range, so that
 * no outgoing connection takes one before its server binds it.
 */
class LoopbackPortsTests {

	private static final Path RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

	@Test
	void picksFreePortsBelowTheEphemeralRangeEachOnce() throws Exception {
		assumeTrue(Files.isReadable(RANGE), "a kernel that says its ephemeral range");
		int ephemeralStart;
		try (BufferedReader reader = Files.newBufferedReader(RANGE)) {
			ephemeralStart = Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
		}
		assumeTrue(ephemeralStart - 20000 >= 1000, "room below the ephemeral range");
		Set<Integer> ports = new HashSet<>();
		for (int i = 0; i < 50; i++) {
			int port = LoopbackPorts.pick();
			assertThat(port).as("port %d of 50", i + 1).isBetween(20000, ephemeralStart - 1);
			assertThat(Ports.isFree(port)).as("port %d is free", port).isTrue();
			ports.add(port);
		}
		assertThat(ports).as("each handed out once").hasSize(50);
	}

}
