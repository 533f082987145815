package io.infrapm.project;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * Keeps Kafka, Spring Cloud Stream, messaging and MongoDB driver types in the messaging
 * and configuration adapters of project-service, out of its domain and web code.
 */
class ProjectArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.infrapm.project");

	@Test
	void keepsBrokerAndDriverTypesInAdapters() {
		noClasses().that()
			.resideOutsideOfPackages("..messaging..", "..config..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..",
					"org.springframework.cloud.stream..", "org.springframework.messaging..", "com.mongodb..",
					"org.bson..")
			.because("the domain speaks of projects, not of brokers and drivers (CONVENTIONS.md 6)")
			.check(this.classes);
	}

	@Test
	void keepsTheDomainIndependentOfItsAdapters() {
		noClasses().that()
			.resideOutsideOfPackages("..web..", "..messaging..", "..config..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("io.infrapm.project..web..", "io.infrapm.project..messaging..")
			.because("adapters call the domain, never the other way round, so the packages form no cycle")
			.check(this.classes);
	}

}
