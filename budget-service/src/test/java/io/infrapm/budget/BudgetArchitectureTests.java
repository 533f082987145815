package io.infrapm.budget;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.infrapm.embedded.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/**
 * Keeps Kafka, Spring Cloud Stream, messaging and MongoDB driver types in the messaging
 * and configuration adapters of budget-service, out of its domain and web code, and keeps
 * the domain from calling its adapters.
 */
class BudgetArchitectureTests {

	private final ServiceArchitecture architecture = ServiceArchitecture.of("io.infrapm.budget");

	private final JavaClasses classes = this.architecture.classes();

	@Test
	void keepsBrokerAndDriverTypesInAdapters() {
		this.architecture.brokerAndDriverTypesStayInAdapters().check(this.classes);
	}

	@Test
	void keepsTheDomainIndependentOfItsAdapters() {
		this.architecture.domainIndependentOfAdapters().check(this.classes);
	}

}
