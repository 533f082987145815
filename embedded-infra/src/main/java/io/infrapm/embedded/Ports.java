package io.infrapm.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Loopback port helpers.
 */
final class Ports {

	private static final InetAddress LOOPBACK = loopback();

	private Ports() {
	}

	/**
	 * The IPv4 loopback address that every embedded server binds to. Named explicitly,
	 * not {@link InetAddress#getLoopbackAddress()}, which may answer {@code ::1} on some
	 * JVMs.
	 * @return 127.0.0.1
	 */
	static InetAddress loopback() {
		try {
			return InetAddress.getByAddress("localhost", new byte[] { 127, 0, 0, 1 });
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A port that is free on 127.0.0.1 right now. Another process could take it before
	 * the caller binds it; that race is accepted for tests and never used for fixed
	 * ports.
	 * @return a free port
	 */
	static int free() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(false);
			socket.bind(new InetSocketAddress(LOOPBACK, 0), 1);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on 127.0.0.1", ex);
		}
	}

	/**
	 * Whether a server could listen on {@code 127.0.0.1:port} now. Binding with the same
	 * options as the real servers means a port left in TIME_WAIT by a previous run counts
	 * as free, while a port someone listens on (on 127.0.0.1 or on all interfaces) does
	 * not.
	 * @param port the port to check
	 * @return {@code true} if it is free
	 */
	static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(LOOPBACK, port), 1);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
