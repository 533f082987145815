package io.infrapm.e2e;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What an operator does with {@code kafka-consumer-groups.sh}: check whether a group has
 * consumed everything, and move it back to the beginning of a topic.
 */
final class ConsumerGroups implements AutoCloseable {

	private final Admin admin;

	ConsumerGroups(String bootstrapServers) {
		Properties properties = new Properties();
		properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		this.admin = Admin.create(properties);
	}

	/**
	 * Whether the group has committed the end offset of every partition of the topic.
	 * @param group the consumer group
	 * @param topic the topic
	 * @return {@code true} once nothing is left to consume
	 */
	boolean caughtUp(String group, String topic) {
		Map<TopicPartition, OffsetAndMetadata> committed = call(
				() -> this.admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get());
		return endOffsets(topic).entrySet().stream().allMatch((end) -> {
			OffsetAndMetadata offset = committed.get(end.getKey());
			return (end.getValue() == 0) || (offset != null && offset.offset() >= end.getValue());
		});
	}

	/**
	 * Move a group that has no active member back to the start of a topic, so it consumes
	 * every event again when its service is back.
	 * @param group the consumer group
	 * @param topic the topic
	 */
	void resetToEarliest(String group, String topic) {
		Map<TopicPartition, OffsetAndMetadata> earliest = endOffsets(topic).keySet()
			.stream()
			.collect(Collectors.toMap(Function.identity(), (partition) -> new OffsetAndMetadata(0)));
		call(() -> this.admin.alterConsumerGroupOffsets(group, earliest).all().get());
	}

	private Map<TopicPartition, Long> endOffsets(String topic) {
		List<TopicPartition> partitions = call(() -> this.admin.describeTopics(List.of(topic))
			.allTopicNames()
			.get()
			.get(topic)
			.partitions()
			.stream()
			.map((partition) -> new TopicPartition(topic, partition.partition()))
			.toList());
		Map<TopicPartition, OffsetSpec> latest = partitions.stream()
			.collect(Collectors.toMap(Function.identity(), (partition) -> OffsetSpec.latest()));
		return call(() -> this.admin.listOffsets(latest)
			.all()
			.get()
			.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> entry.getValue().offset())));
	}

	private static <T> T call(KafkaCall<T> call) {
		try {
			return call.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.admin.close();
	}

	@FunctionalInterface
	private interface KafkaCall<T> {

		T get() throws ExecutionException, InterruptedException;

	}

}
