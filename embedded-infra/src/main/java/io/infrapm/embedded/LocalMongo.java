package io.infrapm.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server that speaks the MongoDB wire protocol, running inside this JVM on the loopback
 * interface ({@code de.bwaldvogel:mongo-java-server}).
 * <p>
 * {@link #persistent(Path, int)} keeps every database in one H2 MVStore file under a data
 * directory, so data survives a restart; {@link #inMemory()} keeps everything in memory
 * on a free port and is meant for tests. The server supports single-document atomic
 * writes, unique indexes and aggregations, but no sessions, multi-document transactions
 * or change streams.
 * <p>
 * <b>Durability.</b> The persistent server commits the store after every write command
 * and before it answers, so a write it has acknowledged survives the process being killed
 * ({@code kill -9}, a crash, an out-of-memory kill): the commit has handed the data to
 * the operating system with {@code write()} by then. It does not {@code fsync} each
 * commit, so a power loss or kernel crash can still lose the last writes; for a local
 * development platform the process is what fails, not the machine. The store's own
 * delayed auto-commit, under which an acknowledged write stayed in memory for up to about
 * a second, is switched off. Reads commit nothing.
 * <p>
 * A commit per write costs time (about half the single-thread insert throughput) and file
 * space: each commit writes a chunk of its own, about 13 KB for a single-document write,
 * which mostly stays behind with a page or two still live. Without H2's background thread
 * nothing would ever reclaim that space, so a housekeeping thread does it every
 * {@link #HOUSEKEEPING_INTERVAL} while there are writes (rewriting sparse chunks, whose
 * space new chunks then reuse) and once they pause (moving chunks forward and truncating
 * the file); closing compacts the file too. A burst of writes still grows the file, by a
 * fifth to a third of what it did before; within seconds after it the file is back to a
 * size that follows the live data. See {@code docs/benchmarks.md} for the figures.
 */
public final class LocalMongo implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalMongo.class);

	/** The H2 file every database of the local platform is kept in. */
	static final String STORE_FILE_NAME = "infrapm.mv.db";

	/** Bytes at which the store splits a page. */
	private static final int PAGE_SPLIT_SIZE = 4096;

	/** How often the store's file is cleaned up after writes. */
	static final Duration HOUSEKEEPING_INTERVAL = Duration.ofSeconds(1);

	/**
	 * How long a chunk that no current page uses is kept before its space is reused (H2's
	 * default is 45 s). Long enough for a read that walks an older version of a map,
	 * which here lasts as long as one command; the store's file reaches the operating
	 * system on every commit, which is what a process crash needs.
	 */
	private static final int RETENTION_MILLIS = 1000;

	private final MongoServer server;

	private final int port;

	private final Path storeFile;

	private final Duration startupTime;

	private final ScheduledExecutorService housekeeping;

	/** Counts the commands that may write; {@code null} for the in-memory server. */
	private final LongSupplier writeCommands;

	private boolean closed;

	private LocalMongo(MongoServer server, int port, Path storeFile, Duration startupTime,
			ScheduledExecutorService housekeeping, LongSupplier writeCommands) {
		this.server = server;
		this.port = port;
		this.storeFile = storeFile;
		this.startupTime = startupTime;
		this.housekeeping = housekeeping;
		this.writeCommands = writeCommands;
	}

	/**
	 * Start a server on {@code 127.0.0.1:port} that stores its data in
	 * {@code dataDirectory/infrapm.mv.db}, creating it on first use. Each write is in the
	 * file before the server acknowledges it (see the class description for what that
	 * does and does not protect against).
	 * @param dataDirectory where the store file lives
	 * @param port the port to listen on (27017 for the local platform)
	 * @return the running server
	 */
	public static LocalMongo persistent(Path dataDirectory, int port) {
		return persistent(dataDirectory, port, HOUSEKEEPING_INTERVAL);
	}

	/**
	 * Start a persistent server as {@link #persistent(Path, int)} does, cleaning up its
	 * file at the given interval, or never; only benchmarks and tests choose.
	 * @param dataDirectory where the store file lives
	 * @param port the port to listen on
	 * @param housekeepingInterval how often to clean up the file after writes, or
	 * {@code null} for never (the store as it was before housekeeping, file growth
	 * included)
	 * @return the running server
	 */
	static LocalMongo persistent(Path dataDirectory, int port, Duration housekeepingInterval) {
		long started = System.nanoTime();
		Path storeFile = dataDirectory.toAbsolutePath().resolve(STORE_FILE_NAME);
		CommitPerWriteH2Backend backend;
		try {
			Files.createDirectories(storeFile.getParent());
			BrokerLogging.quiet();
			backend = new CommitPerWriteH2Backend(openStore(storeFile, housekeepingInterval != null));
		}
		catch (IOException | RuntimeException ex) {
			throw new EmbeddedInfrastructureException("MongoDB-wire server could not open " + storeFile
					+ " (is another InfraPM using it?): " + ex.getMessage(), ex);
		}
		LocalMongo mongo = bind(backend, (port != 0) ? port : Ports.free(), storeFile, started,
				(housekeepingInterval != null)
						? Executors.newSingleThreadScheduledExecutor(LocalMongo::housekeepingThread) : null);
		if (mongo.housekeeping != null) {
			long millis = housekeepingInterval.toMillis();
			mongo.housekeeping.scheduleWithFixedDelay(() -> housekeep(backend), millis, millis, TimeUnit.MILLISECONDS);
		}
		return mongo;
	}

	private static Thread housekeepingThread(Runnable runnable) {
		Thread thread = new Thread(runnable, "local-mongo-housekeeping");
		thread.setDaemon(true);
		return thread;
	}

	private static void housekeep(CommitPerWriteH2Backend backend) {
		try {
			backend.housekeep();
		}
		catch (RuntimeException ex) {
			// A failed run leaves the file as large as it was; the next one tries again,
			// and the scheduler would stop for good on an exception.
			logger.warn("MongoDB-wire store housekeeping failed", ex);
		}
	}

	private static MVStore openStore(Path storeFile, boolean housekeeping) {
		// Moving chunks (housekeeping, compaction on close) makes H2 2.4.240 predict the
		// position of the next chunk inside the area it reserved, which an assertion in
		// FreeSpaceBitSet rejects; the prediction is only a hint for finding the newest
		// chunk on open, which is checked against the chunk's header and footer. With
		// assertions enabled, as in tests, the failed assertion would close the store,
		// so they are turned off for H2's store classes, as they are in production. Takes
		// effect for classes not yet initialised, hence before the first store opens.
		ClassLoader h2 = MVStore.class.getClassLoader();
		if (h2 != null) {
			h2.setPackageAssertionStatus("org.h2.mvstore", false);
		}
		// Without auto-commit no background thread commits on a delay of its own: every
		// commit is the backend's, after a write and before its reply. Each commit writes
		// the leaf pages it changed, so smaller pages than the default (16 KB) write
		// less per acknowledged write (about 13 KB instead of 29 KB measured).
		MVStore store = new MVStore.Builder().fileName(storeFile.toString())
			.autoCommitDisabled()
			.pageSplitSize(PAGE_SPLIT_SIZE)
			.open();
		if (housekeeping) {
			// With H2's 45 s, a chunk freed by housekeeping could be reused only 45 s
			// after it was written: a burst of writes would still grow the file by that
			// many chunks first.
			store.setRetentionTime(RETENTION_MILLIS);
		}
		return store;
	}

	/**
	 * Start a server on a free loopback port that keeps everything in memory.
	 * @return the running server
	 */
	public static LocalMongo inMemory() {
		return inMemory(0);
	}

	/**
	 * Start a server on the given loopback port that keeps everything in memory.
	 * @param port the port, or {@code 0} for a free one
	 * @return the running server
	 */
	public static LocalMongo inMemory(int port) {
		long started = System.nanoTime();
		BrokerLogging.quiet();
		return bind(new IdIndexing.Memory(), (port != 0) ? port : Ports.free(), null, started, null);
	}

	private static LocalMongo bind(MongoBackend backend, int port, Path storeFile, long started,
			ScheduledExecutorService housekeeping) {
		MongoServer server = new MongoServer(backend);
		try {
			server.bind(Ports.loopback().getHostAddress(), port);
		}
		catch (Exception ex) {
			// Netty reports a busy port as a BindException without declaring it, hence
			// Exception. shutdownNow also closes the backend, so the H2 file is released
			// again.
			server.shutdownNow();
			if (housekeeping != null) {
				housekeeping.shutdownNow();
			}
			throw new EmbeddedInfrastructureException(
					"MongoDB-wire server could not listen on 127.0.0.1:" + port + ": " + ex.getMessage(), ex);
		}
		Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
		logger.info("MongoDB-wire server listening on 127.0.0.1:{} ({}) started in {} ms", port,
				(storeFile != null) ? storeFile : "in memory", startupTime.toMillis());
		LongSupplier writeCommands = (backend instanceof CommitPerWriteH2Backend persistent) ? persistent::writeCommands
				: null;
		return new LocalMongo(server, port, storeFile, startupTime, housekeeping, writeCommands);
	}

	/**
	 * The connection string for one database on this server, as Spring Boot's
	 * {@code spring.mongodb.uri} expects it.
	 * @param database the database name, e.g. {@code infrapm-project}
	 * @return e.g. {@code mongodb://127.0.0.1:27017/infrapm-project}
	 */
	public String connectionString(String database) {
		if (database == null || database.isBlank()) {
			throw new IllegalArgumentException("A database name is required");
		}
		return baseUri() + "/" + database;
	}

	/**
	 * The connection string without a database.
	 * @return e.g. {@code mongodb://127.0.0.1:27017}
	 */
	public String baseUri() {
		return "mongodb://127.0.0.1:" + this.port;
	}

	/**
	 * The port this server listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Whether data is kept on disk.
	 * @return {@code true} for a server started with {@link #persistent(Path, int)}
	 */
	public boolean isPersistent() {
		return this.storeFile != null;
	}

	/**
	 * How many commands that may write (inserts, updates, deletes, find-and-modify, index
	 * creation, ...) the persistent server has handled since it started: each of them is
	 * a commit of the store. Benchmarks divide it by the commands a client sent.
	 * @return the count, or empty for the in-memory server, which does not count
	 */
	public OptionalLong writeCommands() {
		return (this.writeCommands != null) ? OptionalLong.of(this.writeCommands.getAsLong()) : OptionalLong.empty();
	}

	/**
	 * How long the server took to open its store and bind its port.
	 * @return the start-up time
	 */
	public Duration startupTime() {
		return this.startupTime;
	}

	/**
	 * Close client connections, stop listening and close the store, which writes pending
	 * changes to the H2 file. Calling this more than once has no further effect.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.housekeeping != null) {
			// Before the store closes: a run in progress finishes first.
			this.housekeeping.shutdown();
			try {
				this.housekeeping.awaitTermination(10, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		try {
			this.server.shutdownNow();
		}
		catch (RuntimeException ex) {
			logger.warn("MongoDB-wire server did not shut down cleanly", ex);
		}
	}

	@Override
	public String toString() {
		return "LocalMongo[" + baseUri() + ", " + ((this.storeFile != null) ? this.storeFile : "in memory") + "]";
	}

}
