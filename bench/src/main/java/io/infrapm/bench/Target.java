package io.infrapm.bench;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The platform a benchmark runs against: one it started itself (the embedded default) or
 * one that is already running, given its addresses.
 */
interface Target extends AutoCloseable {

	/**
	 * A mail as the SMTP server received it.
	 *
	 * @param recipients its envelope recipients
	 * @param messageId its {@code Message-ID}
	 * @param receivedAtMicros when the server accepted it, in microseconds since the
	 * epoch
	 */
	record Mail(List<String> recipients, String messageId, long receivedAtMicros) {
	}

	String kafkaBootstrapServers();

	/**
	 * The MongoDB connection string of a database.
	 * @param database the database
	 * @return the connection string
	 */
	String mongoUri(String database);

	/**
	 * The base URL of a service.
	 * @param service e.g. {@code project-service}
	 * @return e.g. {@code http://127.0.0.1:8081}
	 */
	URI serviceUrl(String service);

	/**
	 * Every mail the platform's SMTP server has received.
	 * @return the mails
	 * @throws Exception if the mailbox cannot be read
	 */
	List<Mail> mails() throws Exception;

	/**
	 * How many commands that may write the store has handled so far.
	 * @return the count, or empty if this store does not count them
	 */
	OptionalLong storeWriteCommands();

	/**
	 * The platform's processes on this machine whose CPU time the benchmark follows.
	 * @return process ids by name; empty if none runs here
	 */
	Map<String, Long> processes();

	/**
	 * What the benchmark runs against, for the results.
	 * @return e.g. {@code embedded platform started by the benchmark}
	 */
	String description();

	@Override
	void close();

}
