package io.infrapm.platform.messaging;

import java.util.Map;
import java.util.function.BiFunction;

import io.infrapm.contracts.Topics;
import io.infrapm.platform.events.CloudEventHeaders;
import io.infrapm.platform.events.DurableProducers;
import io.infrapm.platform.events.PoisonEventException;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.cloud.stream.binder.kafka.ListenerContainerWithDlqAndRetryCustomizer;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.messaging.MessagingException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Moves retrying and dead-lettering from the binder into each listener container, where
 * they can tell a transient failure from poison (DESIGN.md §3):
 * <ul>
 * <li>poison goes to {@code <topic>.<group>.dlq} at once, with its original headers and
 * the error, on the partition it came from, and the partition moves on;</li>
 * <li>a transient failure is retried with capped exponential back-off for as long as it
 * lasts. Each retry seeks back to the failed record, so the partition keeps its order,
 * and the longest wait stays far below {@code max.poll.interval.ms}, so the consumer
 * never leaves its group;</li>
 * <li>any other failure gets a bounded number of attempts before it is
 * dead-lettered.</li>
 * </ul>
 * The offset of a dead-lettered record is committed only once the broker has acknowledged
 * the dead letter: a failed write raises, the record is sought again and dead-lettering
 * is tried anew.
 */
class DeadLetterErrorHandling implements ListenerContainerWithDlqAndRetryCustomizer, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(DeadLetterErrorHandling.class);

	private final MessagingSettings settings;

	private final DefaultKafkaProducerFactory<byte[], byte[]> producers;

	private final KafkaTemplate<byte[], byte[]> deadLetters;

	private final MeterRegistry registry;

	DeadLetterErrorHandling(MessagingSettings settings, Map<String, Object> producerProperties,
			MeterRegistry registry) {
		this.settings = settings;
		this.registry = registry;
		Map<String, Object> properties = DurableProducers.properties(producerProperties);
		properties.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "infrapm-dead-letters");
		this.producers = new DefaultKafkaProducerFactory<>(properties);
		this.deadLetters = new KafkaTemplate<>(this.producers);
	}

	@Override
	public void configure(AbstractMessageListenerContainer<?, ?> container, String destinationName, String group,
			BiFunction<ConsumerRecord<?, ?>, Exception, TopicPartition> dlqDestinationResolver, BackOff backOff) {
		container.setCommonErrorHandler(errorHandler(Topics.deadLetter(destinationName, group)));
	}

	DefaultErrorHandler errorHandler(String deadLetterTopic) {
		DeadLetterPublishingRecoverer publisher = new DeadLetterPublishingRecoverer(this.deadLetters,
				(record, exception) -> new TopicPartition(deadLetterTopic, record.partition()));
		publisher.setFailIfSendResultIsError(true);
		publisher.setWaitForSendResultTimeout(this.settings.deadLetterTimeout());
		ConsumerRecordRecoverer recoverer = (record, exception) -> {
			// The container and the binder wrap the handler's exception; the dead letter
			// says what the handler said.
			publisher.accept(record, handlerFailure(exception));
			String type = EventTypeTags.of(text(record, CloudEventHeaders.TYPE));
			this.registry.counter("infrapm.events.dead.lettered", "type", type, "topic", record.topic()).increment();
			log.warn("Dead-lettered {} from {}-{}@{} to {}: {}", text(record, CloudEventHeaders.ID), record.topic(),
					record.partition(), record.offset(), deadLetterTopic, rootMessage(exception));
		};
		BackOff transientBackOff = transientBackOff();
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, transientBackOff);
		handler.setBackOffFunction((record, exception) -> switch (ConsumerFailures.classify(exception)) {
			case POISON -> new FixedBackOff(0, 0);
			case TRANSIENT -> transientBackOff;
			case UNEXPECTED -> unexpectedBackOff();
		});
		handler.addNotRetryableExceptions(PoisonEventException.class);
		handler.setCommitRecovered(true);
		handler.setLogLevel(KafkaException.Level.WARN);
		return handler;
	}

	/** Unlimited attempts, waits growing to the cap. */
	private BackOff transientBackOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(this.settings.initialBackOff().toMillis(),
				this.settings.backOffMultiplier());
		backOff.setMaxInterval(this.settings.maxBackOff().toMillis());
		return backOff;
	}

	private BackOff unexpectedBackOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(this.settings.initialBackOff().toMillis(),
				this.settings.backOffMultiplier());
		backOff.setMaxInterval(this.settings.maxBackOff().toMillis());
		// Attempts include the first delivery; the back-off counts only the retries.
		backOff.setMaxAttempts(this.settings.unexpectedFailureAttempts() - 1);
		return backOff;
	}

	@Override
	public boolean retryAndDlqInBinding(String destinationName, String group) {
		return false;
	}

	@Override
	public void destroy() {
		this.producers.destroy();
	}

	private static String text(ConsumerRecord<?, ?> record, String header) {
		Header value = record.headers().lastHeader(header);
		return (value != null) ? CloudEventHeaders.text(value.value()) : null;
	}

	private static Exception handlerFailure(Exception failure) {
		Throwable cause = failure;
		while ((cause instanceof ListenerExecutionFailedException || cause instanceof MessagingException)
				&& cause.getCause() instanceof Exception inner) {
			cause = inner;
		}
		return (Exception) cause;
	}

	private static String rootMessage(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return String.valueOf(cause.getMessage());
	}

}
