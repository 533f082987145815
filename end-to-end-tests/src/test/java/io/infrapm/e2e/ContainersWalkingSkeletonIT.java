package io.infrapm.e2e;

import java.nio.file.Path;

import io.infrapm.embedded.Platform;
import io.infrapm.embedded.PlatformSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The same walking skeleton on the real thing: Apache Kafka and a MongoDB replica set in
 * containers, the images the compose file runs. Skipped cleanly where there is no Docker
 * engine; the services still run from their jars, only their infrastructure changes,
 * through the standard Spring Boot properties.
 */
@Testcontainers(disabledWithoutDocker = true)
class ContainersWalkingSkeletonIT extends WalkingSkeletonScenarios {

	@Container
	static final KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.0");

	@Container
	static final MongoDBContainer mongo = new MongoDBContainer("mongo:8");

	private static Platform platform;

	@BeforeAll
	static void launch() {
		platform = Platform.launch(PlatformSettings.ephemeral(PlatformSettings.findRepositoryRoot(Path.of("")))
			.withExternalInfrastructure(kafka.getBootstrapServers(), mongo.getReplicaSetUrl()));
	}

	@AfterAll
	static void shutDown() {
		if (platform != null) {
			platform.close();
		}
	}

	@Override
	Platform platform() {
		return platform;
	}

}
