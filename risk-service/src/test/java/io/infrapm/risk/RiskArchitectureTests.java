package io.infrapm.risk;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.infrapm.embedded.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/**
 * Keeps Kafka, Spring Cloud Stream, messaging and MongoDB driver types in the messaging
 * and configuration adapters of risk-service, out of its domain and web code, and keeps
 * the domain from calling its adapters.
 */
class RiskArchitectureTests {

	private final ServiceArchitecture architecture = ServiceArchitecture.of("io.infrapm.risk");

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
