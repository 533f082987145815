package io.infrapm.contracts;

/**
 * The Kafka topics of InfraPM, one per producing service. Records are keyed by the
 * project id so that all events of one project keep their order on one partition.
 */
public final class Topics {

	/** Events published by project-service. */
	public static final String PROJECT = "infrapm.project.v1";

	/** Events published by risk-service. */
	public static final String RISK = "infrapm.risk.v1";

	/** Events published by budget-service. */
	public static final String BUDGET = "infrapm.budget.v1";

	/** Events published by notification-service. */
	public static final String NOTIFICATION = "infrapm.notification.v1";

	private Topics() {
	}

	/**
	 * The dead-letter topic of one consumer group on one topic.
	 * @param topic the source topic
	 * @param group the consumer group
	 * @return {@code <topic>.<group>.dlq}
	 */
	public static String deadLetter(String topic, String group) {
		return topic + "." + group + ".dlq";
	}

}
