package io.infrapm.embedded;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

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
 */
final class CommitPerWriteH2Backend extends H2Backend {

	private static final Set<String> READS = caseInsensitive("find", "getMore", "killCursors", "count", "distinct",
			"listCollections", "listIndexes", "listDatabases", "ping", "hello", "isMaster", "buildInfo", "whatsmyuri",
			"serverStatus", "dbStats", "collStats", "getLastError", "resetError", "getParameter", "getCmdLineOpts",
			"hostInfo", "getLog", "getFreeMonitoringStatus", "connectionStatus", "currentOp", "endSessions", "validate",
			"explain");

	private static final Set<String> WRITING_STAGES = Set.of("$out", "$merge");

	CommitPerWriteH2Backend(MVStore store) {
		super(store);
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
		}
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
