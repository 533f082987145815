package io.infrapm.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka broker running inside this JVM: a single KRaft node that is broker and
 * controller at once, listening on the loopback interface only.
 * <p>
 * Two flavours exist. {@link #persistent(Path, int)} listens on a fixed port and keeps
 * its log under a data directory, so topics, records and committed offsets survive a
 * restart (the directory is formatted on first use only). {@link #ephemeral()} picks a
 * free port, writes to a temporary directory and deletes it on {@link #close()}; it is
 * meant for tests.
 * <p>
 * Spring Kafka's {@code EmbeddedKafkaKraftBroker} is not used because it ignores fixed
 * ports and always starts from empty storage.
 */
public final class LocalKafka implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalKafka.class);

	private static final String LISTENER = "PLAINTEXT";

	private static final String CONTROLLER_LISTENER = "CONTROLLER";

	private static final int NODE_ID = 1;

	private final KafkaRaftServer server;

	private final Path dataDirectory;

	private final boolean deleteOnClose;

	private final int port;

	private final Duration startupTime;

	private boolean closed;

	private LocalKafka(KafkaRaftServer server, Path dataDirectory, boolean deleteOnClose, int port,
			Duration startupTime) {
		this.server = server;
		this.dataDirectory = dataDirectory;
		this.deleteOnClose = deleteOnClose;
		this.port = port;
		this.startupTime = startupTime;
	}

	/**
	 * Start a broker on {@code 127.0.0.1:port} that keeps its data under
	 * {@code dataDirectory}. The directory is created and formatted on first use; later
	 * starts reuse what is there.
	 * @param dataDirectory where the broker keeps its log and metadata
	 * @param port the client port (9092 for the local platform)
	 * @return the running broker
	 */
	public static LocalKafka persistent(Path dataDirectory, int port) {
		return start(dataDirectory.toAbsolutePath(), port, false);
	}

	/**
	 * Start a throw-away broker on a free loopback port, with its data in a temporary
	 * directory that is deleted on {@link #close()}.
	 * @return the running broker
	 */
	public static LocalKafka ephemeral() {
		return ephemeral(0);
	}

	/**
	 * Start a throw-away broker on the given loopback port, with its data in a temporary
	 * directory that is deleted on {@link #close()}.
	 * @param port the client port, or {@code 0} for a free one
	 * @return the running broker
	 */
	public static LocalKafka ephemeral(int port) {
		try {
			return start(Files.createTempDirectory("infrapm-kafka-"), port, true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a temporary directory for Kafka", ex);
		}
	}

	private static LocalKafka start(Path dataDirectory, int requestedPort, boolean deleteOnClose) {
		long started = System.nanoTime();
		BrokerLogging.quiet();
		KafkaRaftServer server = null;
		try {
			Files.createDirectories(dataDirectory);
			int port = (requestedPort != 0) ? requestedPort : Ports.free();
			// The controller port is internal to this single node and never advertised,
			// so a fresh free port on every start is fine: with a static voter set it
			// lives in the configuration only, not in the formatted storage.
			int controllerPort = Ports.free();
			KafkaConfig config = KafkaConfig.fromProps(brokerProperties(dataDirectory, port, controllerPort));
			if (!isFormatted(dataDirectory)) {
				format(config, dataDirectory);
			}
			server = new KafkaRaftServer(config, Time.SYSTEM);
			server.startup();
			Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
			logger.info("Kafka broker listening on 127.0.0.1:{} (data in {}) started in {} ms", port, dataDirectory,
					startupTime.toMillis());
			return new LocalKafka(server, dataDirectory, deleteOnClose, port, startupTime);
		}
		catch (Exception | LinkageError ex) {
			if (server != null) {
				shutdown(server);
			}
			if (deleteOnClose) {
				Directories.deleteQuietly(dataDirectory);
			}
			if (ex instanceof EmbeddedInfrastructureException infrastructureException) {
				throw infrastructureException;
			}
			throw new EmbeddedInfrastructureException("Kafka could not start on 127.0.0.1:" + requestedPort
					+ " with data in " + dataDirectory + ": " + Causes.innermostMessage(ex), ex);
		}
	}

	private static Properties brokerProperties(Path dataDirectory, int port, int controllerPort) {
		Properties properties = new Properties();
		properties.setProperty("process.roles", "broker,controller");
		properties.setProperty("node.id", Integer.toString(NODE_ID));
		properties.setProperty("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
		properties.setProperty("listeners",
				LISTENER + "://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
		properties.setProperty("advertised.listeners", LISTENER + "://127.0.0.1:" + port);
		properties.setProperty("listener.security.protocol.map",
				LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
		properties.setProperty("inter.broker.listener.name", LISTENER);
		properties.setProperty("controller.listener.names", CONTROLLER_LISTENER);
		properties.setProperty("log.dirs", dataDirectory.toString());
		properties.setProperty("metadata.log.dir", dataDirectory.toString());
		// One node: every internal topic must make do with a single replica.
		properties.setProperty("offsets.topic.replication.factor", "1");
		properties.setProperty("transaction.state.log.replication.factor", "1");
		properties.setProperty("transaction.state.log.min.isr", "1");
		properties.setProperty("share.coordinator.state.topic.replication.factor", "1");
		properties.setProperty("share.coordinator.state.topic.min.isr", "1");
		properties.setProperty("min.insync.replicas", "1");
		// Fewer internal partitions than the default 50: creating them is the slowest
		// part of the first consumer group's join, and one broker gains nothing from
		// them.
		properties.setProperty("offsets.topic.num.partitions", "6");
		properties.setProperty("transaction.state.log.num.partitions", "6");
		// Consumers in tests and local runs should get their partitions at once, not
		// after 3 s.
		properties.setProperty("group.initial.rebalance.delay.ms", "0");
		properties.setProperty("num.partitions", "6");
		properties.setProperty("default.replication.factor", "1");
		properties.setProperty("auto.create.topics.enable", "true");
		// The log cleaner reserves 128 MB by default; compacted internal topics need
		// little.
		properties.setProperty("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
		// Keep the broker's own threads modest: it shares the JVM (and two cores) with
		// tests.
		properties.setProperty("num.network.threads", "2");
		properties.setProperty("num.io.threads", "4");
		properties.setProperty("num.recovery.threads.per.data.dir", "1");
		properties.setProperty("background.threads", "4");
		return properties;
	}

	private static boolean isFormatted(Path dataDirectory) {
		return Files.exists(dataDirectory.resolve("meta.properties"));
	}

	/**
	 * Write {@code meta.properties} and the bootstrap metadata, as
	 * {@code kafka-storage.sh
	 * format} would, with a static single-voter quorum.
	 */
	private static void format(KafkaConfig config, Path dataDirectory) throws Exception {
		new Formatter().setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
			.setNodeId(config.nodeId())
			.setClusterId(Uuid.randomUuid().toString())
			.setControllerListenerName(CONTROLLER_LISTENER)
			.setMetadataLogDirectory(config.metadataLogDir())
			.addDirectory(dataDirectory.toString())
			.setReleaseVersion(MetadataVersion.latestProduction())
			.setHasDynamicQuorum(false)
			.run();
		logger.info("Formatted Kafka storage in {}", dataDirectory);
	}

	/**
	 * The address clients use to reach this broker.
	 * @return {@code 127.0.0.1:<port>}
	 */
	public String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	/**
	 * The client port this broker listens on.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * How long the broker took to start, including formatting on first use.
	 * @return the start-up time
	 */
	public Duration startupTime() {
		return this.startupTime;
	}

	/**
	 * Stop the broker after a controlled shutdown (which flushes the log), and delete its
	 * data if it is ephemeral. Calling this more than once has no further effect.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		shutdown(this.server);
		if (this.deleteOnClose) {
			Directories.deleteQuietly(this.dataDirectory);
		}
	}

	private static void shutdown(KafkaRaftServer server) {
		try {
			server.shutdown();
			server.awaitShutdown();
		}
		catch (RuntimeException ex) {
			logger.warn("Kafka broker did not shut down cleanly", ex);
		}
	}

	@Override
	public String toString() {
		return "LocalKafka[" + bootstrapServers() + ", data=" + this.dataDirectory + "]";
	}

}
