package io.infrapm.embedded;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The architecture rules every InfraPM service keeps (CONVENTIONS.md 3 and 6), for the
 * service's own ArchUnit test: broker and driver types stay in the {@code messaging} and
 * {@code config} adapters, and the domain never calls its adapters.
 */
public final class ServiceArchitecture {

	private final String basePackage;

	private ServiceArchitecture(String basePackage) {
		this.basePackage = basePackage;
	}

	/**
	 * The rules of one service.
	 * @param basePackage the service's base package, e.g. {@code io.infrapm.budget}
	 * @return the rules
	 */
	public static ServiceArchitecture of(String basePackage) {
		return new ServiceArchitecture(basePackage);
	}

	/**
	 * The service's production classes, tests left out.
	 * @return the classes to check
	 */
	public JavaClasses classes() {
		return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages(this.basePackage);
	}

	/**
	 * Kafka, Spring Cloud Stream, messaging and MongoDB driver types only in adapters.
	 * @return the rule
	 */
	public ArchRule brokerAndDriverTypesStayInAdapters() {
		return noClasses().that()
			.resideOutsideOfPackages("..messaging..", "..config..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..",
					"org.springframework.cloud.stream..", "org.springframework.messaging..", "com.mongodb..",
					"org.bson..")
			.because("the domain speaks of projects, not of brokers and drivers (CONVENTIONS.md 6)");
	}

	/**
	 * Nothing outside the adapters depends on the service's own {@code web} or
	 * {@code messaging} packages.
	 * @return the rule
	 */
	public ArchRule domainIndependentOfAdapters() {
		return noClasses().that()
			.resideOutsideOfPackages("..web..", "..messaging..", "..config..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage(this.basePackage + "..web..", this.basePackage + "..messaging..")
			.because("adapters call the domain, never the other way round, so the packages form no cycle");
	}

}
