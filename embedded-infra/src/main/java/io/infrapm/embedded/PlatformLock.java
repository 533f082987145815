package io.infrapm.embedded;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The lock that keeps two platforms from using the same home (and so the same Kafka log
 * and H2 file) at once. It is an operating-system file lock, so it is released when the
 * holder exits, however it exits: a stale lock file never blocks the next start.
 */
final class PlatformLock implements AutoCloseable {

	static final String FILE_NAME = "infrapm.lock";

	/**
	 * The homes locked by this JVM. Checked before any channel is opened because, with
	 * POSIX locks, closing a second channel on the same file would silently release the
	 * first holder's lock.
	 */
	private static final Set<Path> lockedInThisJvm = ConcurrentHashMap.newKeySet();

	private final Path home;

	private final FileChannel channel;

	private final FileLock lock;

	private PlatformLock(Path home, FileChannel channel, FileLock lock) {
		this.home = home;
		this.channel = channel;
		this.lock = lock;
	}

	/**
	 * Take the lock of {@code home}, or fail at once if another platform holds it.
	 * @param home the platform's home directory
	 * @return the lock, to be closed when the platform stops
	 * @throws PlatformStartException if another platform (in this or another process)
	 * holds it
	 */
	static PlatformLock acquire(Path home) {
		Path file = home.resolve(FILE_NAME);
		if (!lockedInThisJvm.add(home)) {
			throw alreadyRunning(home, holder(file));
		}
		FileChannel channel = null;
		try {
			Files.createDirectories(home);
			channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			FileLock lock;
			try {
				lock = channel.tryLock();
			}
			catch (OverlappingFileLockException ex) {
				lock = null;
			}
			if (lock == null) {
				String holder = holder(file);
				channel.close();
				lockedInThisJvm.remove(home);
				throw alreadyRunning(home, holder);
			}
			// Record who holds it, for the message above. Advisory only: the lock is the
			// truth.
			channel.truncate(0);
			channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
			channel.force(false);
			return new PlatformLock(home, channel, lock);
		}
		catch (IOException ex) {
			closeQuietly(channel);
			lockedInThisJvm.remove(home);
			throw new PlatformStartException("Could not lock " + file + ": " + ex.getMessage(), ex);
		}
	}

	private static PlatformStartException alreadyRunning(Path home, String holder) {
		return new PlatformStartException("InfraPM is already running" + holder + " with its data in " + home
				+ "; stop it first (Ctrl-C in its terminal), or give this one another home with --home");
	}

	private static String holder(Path file) {
		try {
			String pid = Files.readString(file, StandardCharsets.US_ASCII).trim();
			return pid.matches("\\d+") ? " (process " + pid + ")" : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static void closeQuietly(FileChannel channel) {
		if (channel != null) {
			try {
				channel.close();
			}
			catch (IOException ex) {
				// Nothing more can be done; the lock dies with the process anyway.
			}
		}
	}

	@Override
	public void close() {
		try {
			this.lock.release();
		}
		catch (IOException ex) {
			// Closing the channel below releases it as well.
		}
		closeQuietly(this.channel);
		lockedInThisJvm.remove(this.home);
	}

}
