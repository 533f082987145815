package io.infrapm.embedded;

import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Turns the in-process servers' own INFO logging down to WARN.
 * <p>
 * A Kafka broker logs hundreds of INFO lines while it starts (every configuration value,
 * every partition it loads); the MongoDB-wire server and the SMTP server log every
 * connection. Inside a test run or the launcher's terminal that buries what matters. Only
 * the servers' loggers are touched, not the Kafka clients that the code under test uses,
 * and only when Logback is the SLF4J backend (as in every InfraPM module).
 */
final class BrokerLogging {

	private static final List<String> SERVER_LOGGERS = List.of("kafka", "state.change.logger",
			"org.apache.kafka.server", "org.apache.kafka.controller", "org.apache.kafka.raft",
			"org.apache.kafka.metadata", "org.apache.kafka.image", "org.apache.kafka.storage",
			"org.apache.kafka.coordinator", "org.apache.kafka.network", "org.apache.kafka.queue",
			"org.apache.kafka.snapshot", "org.apache.kafka.security", "org.apache.kafka.common.metrics",
			"org.apache.kafka.common.utils.AppInfoParser", "de.bwaldvogel.mongo", "org.subethamail", "org.h2",
			"io.netty");

	private BrokerLogging() {
	}

	static void quiet() {
		try {
			ILoggerFactory factory = LoggerFactory.getILoggerFactory();
			if (factory instanceof LoggerContext context) {
				for (String name : SERVER_LOGGERS) {
					ch.qos.logback.classic.Logger logger = context.getLogger(name);
					// Leave a level someone configured explicitly (e.g. DEBUG while
					// hunting a bug).
					if (logger.getLevel() == null) {
						logger.setLevel(Level.WARN);
					}
				}
			}
		}
		catch (LinkageError ex) {
			// Logback was excluded from the class path: nothing to turn down.
		}
	}

}
