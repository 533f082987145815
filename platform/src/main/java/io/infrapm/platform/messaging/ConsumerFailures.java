package io.infrapm.platform.messaging;

import java.io.IOException;
import java.util.concurrent.TimeoutException;

import com.mongodb.MongoException;
import com.mongodb.MongoNodeIsRecoveringException;
import com.mongodb.MongoNotPrimaryException;
import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import com.mongodb.MongoWriteConcernException;
import io.infrapm.platform.events.PoisonEventException;
import org.apache.kafka.common.errors.RetriableException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Sorts the failures of an event handler into the three kinds DESIGN.md §3 distinguishes:
 * <ul>
 * <li>{@link Kind#POISON}: the record can never succeed (broken envelope, invalid JSON, a
 * type version this service does not understand, refused by a rule); it goes to the
 * dead-letter topic at once;</li>
 * <li>{@link Kind#TRANSIENT}: the infrastructure failed (the store or the broker
 * unreachable, a timeout, a write conflict); retrying helps once it is back, so the
 * record is retried for as long as that lasts, holding its partition in order;</li>
 * <li>{@link Kind#UNEXPECTED}: anything else, most likely a defect or an event about
 * something this service does not know yet; retried a bounded number of times, then
 * dead-lettered so that it can be re-driven once the cause is fixed.</li>
 * </ul>
 * The whole cause chain is examined, because the binder and the listener container wrap
 * the handler's exception.
 */
final class ConsumerFailures {

	private ConsumerFailures() {
	}

	/**
	 * The kind of a failure.
	 */
	enum Kind {

		/** Can never succeed. */
		POISON,
		/** The infrastructure failed; retry while it lasts. */
		TRANSIENT,
		/** Neither; retry a few times. */
		UNEXPECTED

	}

	static Kind classify(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = next(cause)) {
			if (cause instanceof PoisonEventException) {
				return Kind.POISON;
			}
			if (cause instanceof UnknownAggregateException) {
				return Kind.UNEXPECTED;
			}
			if (isTransient(cause)) {
				return Kind.TRANSIENT;
			}
		}
		return Kind.UNEXPECTED;
	}

	private static boolean isTransient(Throwable cause) {
		return cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
				|| cause instanceof MongoSocketException || cause instanceof MongoTimeoutException
				|| cause instanceof MongoNotPrimaryException || cause instanceof MongoNodeIsRecoveringException
				|| cause instanceof MongoWriteConcernException || isTransientLabelled(cause)
				|| cause instanceof RetriableException || cause instanceof TimeoutException
				|| cause instanceof IOException;
	}

	private static boolean isTransientLabelled(Throwable cause) {
		return cause instanceof MongoException mongo
				&& (mongo.hasErrorLabel(MongoException.TRANSIENT_TRANSACTION_ERROR_LABEL)
						|| mongo.hasErrorLabel("RetryableWriteError"));
	}

	private static Throwable next(Throwable cause) {
		return (cause.getCause() != cause) ? cause.getCause() : null;
	}

}
