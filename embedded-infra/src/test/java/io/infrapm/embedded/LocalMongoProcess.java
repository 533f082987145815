package io.infrapm.embedded;

import java.nio.file.Path;

/**
 * Runs a persistent {@link LocalMongo} in a process of its own, as {@code ./infrapm up}
 * does, until its standard input closes, so that a test can kill it. Used by
 * {@link LocalMongoTests}.
 */
public final class LocalMongoProcess {

	/** Printed on its own line once the server listens. */
	static final String READY = "local-mongo-ready";

	private LocalMongoProcess() {
	}

	public static void main(String[] args) throws Exception {
		try (LocalMongo mongo = LocalMongo.persistent(Path.of(args[0]), Integer.parseInt(args[1]))) {
			System.out.println(READY);
			System.out.flush();
			System.in.read();
		}
	}

}
