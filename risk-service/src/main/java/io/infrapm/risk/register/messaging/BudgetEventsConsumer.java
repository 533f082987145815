package io.infrapm.risk.register.messaging;

import java.util.function.Consumer;

import io.infrapm.contracts.budget.BudgetThresholdCrossed;
import io.infrapm.platform.messaging.EventRouter;
import io.infrapm.risk.register.RiskRules;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

/**
 * What risk-service takes from {@code infrapm.budget.v1}: a threshold of 90 % or more
 * crossed raises a cost risk, once per threshold.
 */
@Configuration(proxyBeanMethods = false)
class BudgetEventsConsumer {

	@Bean
	Consumer<Message<byte[]>> budgetEvents(RiskRules rules, MeterRegistry registry) {
		return EventRouter.builder(registry)
			.on(BudgetThresholdCrossed.class, (event) -> rules.thresholdCrossed(event.data()))
			.build();
	}

}
