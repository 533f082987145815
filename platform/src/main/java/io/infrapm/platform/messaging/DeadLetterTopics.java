package io.infrapm.platform.messaging;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.infrapm.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.stream.config.BindingProperties;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.SmartLifecycle;

/**
 * Makes sure every dead-letter topic exists before the first record is consumed, so that
 * no dead letter is ever lost to a topic that is not there (DESIGN.md §3). For each input
 * binding it creates {@code <topic>.<group>.dlq} with as many partitions as the source
 * topic (creating the source with the configured count if it is missing), and refuses to
 * start if a dead-letter topic exists with fewer partitions than its source, since the
 * dead letter of a record goes to the partition number it came from. Partition counts of
 * existing topics are never changed: they belong to operations.
 */
class DeadLetterTopics implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterTopics.class);

	private static final Pattern INPUT_BINDING = Pattern.compile(".+-in-\\d+");

	private final ObjectProvider<BindingServiceProperties> bindings;

	private final Map<String, Object> adminProperties;

	private final String defaultGroup;

	private final int partitions;

	private final short replicationFactor;

	private final Duration timeout;

	private volatile boolean running;

	DeadLetterTopics(ObjectProvider<BindingServiceProperties> bindings, Map<String, Object> adminProperties,
			String defaultGroup, int partitions, short replicationFactor, Duration timeout) {
		this.bindings = bindings;
		this.adminProperties = adminProperties;
		this.defaultGroup = defaultGroup;
		this.partitions = partitions;
		this.replicationFactor = replicationFactor;
		this.timeout = timeout;
	}

	/**
	 * Source topic → consumer group of every input binding.
	 * @return the topics this service consumes, with the group each is consumed by
	 */
	Map<String, String> consumedTopics() {
		Map<String, String> topics = new LinkedHashMap<>();
		BindingServiceProperties properties = this.bindings.getIfAvailable();
		if (properties == null) {
			return topics;
		}
		for (String name : properties.getBindings().keySet()) {
			if (!INPUT_BINDING.matcher(name).matches()) {
				continue;
			}
			BindingProperties binding = properties.getBindingProperties(name);
			if (binding.getDestination() == null) {
				continue;
			}
			String group = (binding.getGroup() != null) ? binding.getGroup() : this.defaultGroup;
			for (String topic : binding.getDestination().split(",")) {
				topics.put(topic.strip(), group);
			}
		}
		return topics;
	}

	@Override
	public void start() {
		Map<String, String> topics = consumedTopics();
		if (!topics.isEmpty()) {
			try (Admin admin = Admin.create(this.adminProperties)) {
				long deadline = System.nanoTime() + this.timeout.toNanos();
				topics.forEach((topic, group) -> provision(admin, topic, Topics.deadLetter(topic, group), deadline));
			}
		}
		this.running = true;
	}

	private void provision(Admin admin, String source, String deadLetter, long deadline) {
		while (true) {
			try {
				int sourcePartitions = partitionsOf(admin, source)
					.orElseGet(() -> create(admin, source, this.partitions));
				Optional<Integer> existing = partitionsOf(admin, deadLetter);
				if (existing.isEmpty()) {
					create(admin, deadLetter, sourcePartitions);
					log.info("Created dead-letter topic {} with {} partitions", deadLetter, sourcePartitions);
				}
				else if (existing.get() < sourcePartitions) {
					throw new IllegalStateException("Dead-letter topic " + deadLetter + " has " + existing.get()
							+ " partitions but its source " + source + " has " + sourcePartitions
							+ "; dead letters keep their partition number, so give it at least " + sourcePartitions);
				}
				return;
			}
			catch (RetriableFailure ex) {
				if (System.nanoTime() > deadline) {
					throw new IllegalStateException("Could not provision the dead-letter topic " + deadLetter
							+ " within " + this.timeout + ": " + ex.getCause().getMessage(), ex.getCause());
				}
				log.warn("Kafka not ready to provision {} ({}); retrying", deadLetter, ex.getCause().getMessage());
				pause();
			}
		}
	}

	private Optional<Integer> partitionsOf(Admin admin, String topic) {
		try {
			TopicDescription description = admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get(10, TimeUnit.SECONDS)
				.get(topic);
			return Optional.of(description.partitions().size());
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof UnknownTopicOrPartitionException) {
				return Optional.empty();
			}
			throw failure(ex.getCause());
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new RetriableFailure(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while describing " + topic, ex);
		}
	}

	private int create(Admin admin, String topic, int count) {
		try {
			admin.createTopics(List.of(new NewTopic(topic, Optional.of(count), replication())))
				.all()
				.get(10, TimeUnit.SECONDS);
			return count;
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof TopicExistsException) {
				// Another instance created it meanwhile: look again.
				throw new RetriableFailure(ex.getCause());
			}
			throw failure(ex.getCause());
		}
		catch (java.util.concurrent.TimeoutException ex) {
			throw new RetriableFailure(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while creating " + topic, ex);
		}
	}

	private Optional<Short> replication() {
		return (this.replicationFactor > 0) ? Optional.of(this.replicationFactor) : Optional.empty();
	}

	private static RuntimeException failure(Throwable cause) {
		if (cause instanceof RetriableException) {
			return new RetriableFailure(cause);
		}
		return new IllegalStateException("Kafka refused to provision dead-letter topics: " + cause.getMessage(), cause);
	}

	private static void pause() {
		try {
			Thread.sleep(500);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for Kafka", ex);
		}
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Before the input bindings start consuming (they start at MAX_VALUE - 3000). */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE - 4000;
	}

	/** A failure worth another try before the deadline. */
	private static final class RetriableFailure extends RuntimeException {

		RetriableFailure(Throwable cause) {
			super(cause);
		}

	}

}
