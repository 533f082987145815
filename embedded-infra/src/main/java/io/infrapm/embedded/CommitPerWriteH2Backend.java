package io.infrapm.embedded;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.RandomAccessStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The H2 backend of {@code mongo-java-server}, committing its MVStore after every command
 * that may write and before the server answers it, rather than on the store's delay of
 * about a second. Every reply the client receives for a write therefore comes after the
 * write has been handed to the operating system.
 * <p>
 * Every command reaches the backend through
 * {@link #handleCommand(Channel, String, String, Document)}, whether it arrives as
 * {@code OP_MSG} or as a legacy {@code OP_QUERY} on {@code $cmd}; other {@code OP_QUERY}
 * messages are reads. Commands known to only read (finds, counts, cursors, handshakes,
 * statistics, aggregations without {@code $out} or {@code $merge}) commit nothing, so
 * reads pay nothing for durability. Any other command commits, unknown ones included: a
 * commit with nothing to write costs only the store's lock. Taking that lock is also what
 * makes concurrent writers safe: a writer whose change is already part of another
 * thread's commit in progress waits for that commit to finish before it answers.
 * <p>
 * A commit per write leaves the file full of chunks that hold only a page or two that is
 * still live. Without H2's background thread nothing rewrites those chunks or moves
 * chunks to the front of the file, so {@link #housekeep()} does it when it is called
 * (from {@link LocalMongo}'s housekeeping thread, not from a write).
 */
final class CommitPerWriteH2Backend extends H2Backend {

	private static final Set<String> READS = caseInsensitive("find", "getMore", "killCursors", "count", "distinct",
			"listCollections", "listIndexes", "listDatabases", "ping", "hello", "isMaster", "buildInfo", "whatsmyuri",
			"serverStatus", "dbStats", "collStats", "getLastError", "resetError", "getParameter", "getCmdLineOpts",
			"hostInfo", "getLog", "getFreeMonitoringStatus", "connectionStatus", "currentOp", "endSessions", "validate",
			"explain");

	private static final Set<String> WRITING_STAGES = Set.of("$out", "$merge");

	/**
	 * Bytes of chunks that one housekeeping run rewrites at most, so that a run holds the
	 * store's lock, and delays writers, for milliseconds rather than seconds.
	 */
	private static final int REWRITE_BYTES_PER_RUN = 16 * 1024 * 1024;

	/**
	 * Bytes of chunks one housekeeping run rewrites at most while writes come in: a run
	 * holds the store's lock, and every write waits for it. With 16 MB a run, under a
	 * steady load, writers waited up to a second.
	 */
	private static final int REWRITE_BYTES_WHILE_WRITING = 1024 * 1024;

	/** While writes come in, only chunks less than half live are rewritten. */
	private static final int FILL_RATE_WHILE_WRITING = 50;

	/**
	 * Bytes of chunks that one housekeeping run moves to the front of the file at most.
	 */
	private static final long MOVE_BYTES_PER_RUN = 64 * 1024 * 1024;

	/**
	 * Bytes of chunks moved in one step, between which housekeeping checks whether writes
	 * came in again.
	 */
	private static final long MOVE_BYTES_PER_STEP = 4 * 1024 * 1024;

	/**
	 * Rewrite chunks while less than this percentage of their pages is live (H2's own
	 * default for its background compaction).
	 */
	private static final int TARGET_FILL_RATE = 90;

	/** How long closing the store may spend on compacting its file. */
	private static final int CLOSE_COMPACTION_MILLIS = 2000;

	private static final Logger logger = LoggerFactory.getLogger(CommitPerWriteH2Backend.class);

	/** Runs that still clean up after the last write. */
	private static final int RUNS_AFTER_LAST_WRITE = 5;

	private final MVStore store;

	private final AtomicLong commits = new AtomicLong();

	private long commitsAtLastHousekeeping;

	private int runsWithoutWrites;

	CommitPerWriteH2Backend(MVStore store) {
		super(store);
		this.store = store;
	}

	@Override
	protected MongoDatabase openOrCreateDatabase(String databaseName) {
		// Called by H2Backend's constructor too, for the databases already in the file:
		// before this class's fields are set.
		return new IdIndexing.H2(databaseName, getMvStore(), getCursorRegistry());
	}

	@Override
	public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
		if (isRead(command, query)) {
			return super.handleCommand(channel, databaseName, command, query);
		}
		try {
			return super.handleCommand(channel, databaseName, command, query);
		}
		finally {
			// Also after a failed command: an ordered batch may have written part of its
			// documents before the error that the reply reports.
			commit();
			this.commits.incrementAndGet();
		}
	}

	/**
	 * How many commands that may write this backend has handled (each one committed).
	 * @return the count since the store was opened
	 */
	long writeCommands() {
		return this.commits.get();
	}

	/**
	 * Give the space of chunks that hold little live data back: rewrite their live pages
	 * into a new chunk and free the chunks no page of the current version uses any more,
	 * so that new chunks reuse their space; once a run finds no new write, also move
	 * chunks from the end of the file into the gaps and truncate the file. After
	 * {@value #RUNS_AFTER_LAST_WRITE} runs without writes, does nothing, so an idle store
	 * is not touched; the runs after the last write are there because the chunks of the
	 * last writes may be reused only once they are older than the store's retention time.
	 * <p>
	 * Each step takes the store's lock, as a commit does, so a write waits for at most
	 * one bounded step; what a step writes is committed like any other change, so the
	 * store stays consistent if the process dies in between. Chunks are moved only while
	 * no writes come in: with writes in between, H2 2.4's chunk move failed an internal
	 * assertion (and, as any failure inside the store does, closed it).
	 * @return whether there had been writes to clean up after
	 */
	synchronized boolean housekeep() {
		long commitsNow = this.commits.get();
		if (commitsNow != this.commitsAtLastHousekeeping) {
			this.commitsAtLastHousekeeping = commitsNow;
			this.runsWithoutWrites = 0;
		}
		else if (++this.runsWithoutWrites > RUNS_AFTER_LAST_WRITE) {
			return false;
		}
		if (this.store.isClosed()) {
			return false;
		}
		// While writes come in, each rewrite holds them up: rewrite only chunks that are
		// mostly garbage, a little at a time. Once they pause, clean up in earnest, but
		// in steps of the same size, and stop as soon as writes come in again: the first
		// writes after a pause used to wait for a whole 16 MB rewrite.
		if (this.runsWithoutWrites == 0) {
			this.store.compact(FILL_RATE_WHILE_WRITING, REWRITE_BYTES_WHILE_WRITING);
			// The rewrite and the freeing of dead chunks happen on a commit.
			this.store.commit();
			return true;
		}
		for (int rewritten = 0; rewritten < REWRITE_BYTES_PER_RUN; rewritten += REWRITE_BYTES_WHILE_WRITING) {
			if (writesSince(commitsNow)) {
				return true;
			}
			boolean more = this.store.compact(TARGET_FILL_RATE, REWRITE_BYTES_WHILE_WRITING);
			this.store.commit();
			if (!more) {
				break;
			}
		}
		if (this.store.getFileStore() instanceof RandomAccessStore file) {
			for (long moved = 0; moved < MOVE_BYTES_PER_RUN && !writesSince(commitsNow); moved += MOVE_BYTES_PER_STEP) {
				long before = file.size();
				file.compactMoveChunks(100, MOVE_BYTES_PER_STEP, this.store);
				if (file.size() >= before) {
					// Nothing left to move to the front.
					break;
				}
			}
		}
		return true;
	}

	private boolean writesSince(long commitsBefore) {
		return this.commits.get() != commitsBefore;
	}

	/**
	 * Compact the file, for up to {@value #CLOSE_COMPACTION_MILLIS} ms, then close the
	 * store. H2's own close compacts nothing, so a store closed right after a burst of
	 * writes, before housekeeping moved its chunks, would keep its size until the next
	 * start and the next burst.
	 */
	@Override
	public void close() {
		if (!this.store.isClosed() && !this.store.getFileStore().isReadOnly()) {
			try {
				this.store.compactFile(CLOSE_COMPACTION_MILLIS);
			}
			catch (RuntimeException ex) {
				// The data is committed already; a larger file is all that is lost.
				logger.warn("MongoDB-wire store could not be compacted on close", ex);
			}
		}
		super.close();
	}

	private static boolean isRead(String command, Document query) {
		if ("aggregate".equalsIgnoreCase(command)) {
			return !(query.get("pipeline") instanceof List<?> pipeline) || pipeline.stream()
				.noneMatch((stage) -> stage instanceof Document document
						&& document.keySet().stream().anyMatch(WRITING_STAGES::contains));
		}
		return READS.contains(command);
	}

	private static Set<String> caseInsensitive(String... names) {
		Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
		set.addAll(List.of(names));
		return set;
	}

}
