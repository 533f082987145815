package io.infrapm.embedded;

import java.nio.file.Path;

/**
 * Holds a platform's lock from another process, as a running {@code ./infrapm up} would,
 * until its standard input closes. Used by {@link PlatformLauncherTests}.
 */
public final class LockHolder {

	private LockHolder() {
	}

	public static void main(String[] args) throws Exception {
		try (PlatformLock lock = PlatformLock.acquire(Path.of(args[0]).toAbsolutePath())) {
			System.out.println("locked");
			System.out.flush();
			System.in.read();
		}
	}

}
