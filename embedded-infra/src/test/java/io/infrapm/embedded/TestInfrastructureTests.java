package io.infrapm.embedded;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link TestInfrastructure} and {@link KafkaTestClient} as a service's integration test
 * uses them.
 */
class TestInfrastructureTests {

	@Test
	void isOneSharedInstanceWhoseSpringPropertiesPointAtRunningServers() {
		TestInfrastructure infrastructure = TestInfrastructure.get();
		assertThat(TestInfrastructure.get()).isSameAs(infrastructure);

		Map<String, String> properties = infrastructure.springProperties("risk-service-tests");
		assertThat(properties).containsOnlyKeys("spring.kafka.bootstrap-servers", "spring.mongodb.uri",
				"spring.mail.host", "spring.mail.port", "spring.security.oauth2.resourceserver.jwt.issuer-uri",
				"spring.security.oauth2.resourceserver.jwt.audiences", "spring.cloud.stream.default.group");
		assertThat(properties).containsEntry("spring.cloud.stream.default.group", "risk-service-tests");
		assertThat(properties)
			.containsEntry("spring.security.oauth2.resourceserver.jwt.issuer-uri", infrastructure.issuer().issuerUri())
			.containsEntry("spring.security.oauth2.resourceserver.jwt.audiences", "infrapm");
		assertThat(properties.get("spring.kafka.bootstrap-servers")).isEqualTo(infrastructure.kafkaBootstrapServers())
			.startsWith("127.0.0.1:");
		assertThat(properties.get("spring.mongodb.uri")).matches("mongodb://127\\.0\\.0\\.1:\\d+/risk-service-tests");
		assertThat(properties).containsEntry("spring.mail.host", "127.0.0.1")
			.containsEntry("spring.mail.port", Integer.toString(infrastructure.mailbox().smtpPort()));

		try (MongoClient client = MongoClients.create(properties.get("spring.mongodb.uri"))) {
			client.getDatabase("risk-service-tests").getCollection("registers").insertOne(new Document("_id", 1));
			assertThat(client.getDatabase("risk-service-tests").getCollection("registers").countDocuments())
				.isEqualTo(1);
		}
	}

	@Test
	void issuerPublishesTheKeyThatVerifiesItsTokensAndNotTheOneOfItsForgeries() throws Exception {
		TestIssuer issuer = TestInfrastructure.get().issuer();
		HttpClient http = HttpClient.newHttpClient();
		String discovery = http
			.send(HttpRequest.newBuilder(URI.create(issuer.issuerUri() + "/.well-known/openid-configuration")).build(),
					HttpResponse.BodyHandlers.ofString())
			.body();
		assertThat(discovery).contains("\"issuer\":\"" + issuer.issuerUri() + "\"");
		JWKSet keys = JWKSet.load(URI.create(issuer.issuerUri() + "/jwks").toURL());
		RSASSAVerifier verifier = new RSASSAVerifier(keys.getKeys().get(0).toRSAKey());

		SignedJWT token = SignedJWT.parse(issuer.token("Pat.Miller@example.com", "PROJECT_MANAGER"));
		assertThat(token.verify(verifier)).isTrue();
		assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(issuer.issuerUri());
		assertThat(token.getJWTClaimsSet().getAudience()).containsExactly("infrapm");
		assertThat(token.getJWTClaimsSet().getSubject()).isEqualTo("Pat.Miller@example.com");
		assertThat(token.getJWTClaimsSet().getStringClaim("name")).isEqualTo("Pat Miller");
		assertThat(token.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("PROJECT_MANAGER");
		assertThat(token.getJWTClaimsSet().getExpirationTime()).isInTheFuture();

		assertThat(SignedJWT.parse(issuer.forgedToken("pat@example.com")).verify(verifier)).isFalse();
		SignedJWT expired = SignedJWT.parse(issuer.expiredToken("pat@example.com"));
		assertThat(expired.verify(verifier)).isTrue();
		assertThat(expired.getJWTClaimsSet().getExpirationTime()).isInThePast();
	}

	@Test
	void kafkaTestClientPublishesCloudEventsAndReadsThemBackFromTheBeginning() {
		String topic = "infrapm.tests." + UUID.randomUUID();
		UUID projectId = UUID.randomUUID();
		UUID eventId = UUID.randomUUID();
		try (KafkaTestClient kafka = new KafkaTestClient(TestInfrastructure.get().kafkaBootstrapServers())) {
			kafka.publish(
					topic, projectId.toString(), KafkaTestClient.cloudEventHeaders(eventId,
							"io.infrapm.project.ProjectCreated.v1", projectId.toString()),
					"{\"projectId\":\"" + projectId + "\"}");
			kafka.publish(topic, UUID.randomUUID().toString(), Map.of(), "{}");

			List<ConsumerRecord<String, byte[]>> records = kafka.read(topic,
					(record) -> projectId.toString().equals(record.key()), (read) -> !read.isEmpty(),
					Duration.ofSeconds(10));

			assertThat(records).singleElement().satisfies((record) -> {
				assertThat(KafkaTestClient.header(record, "ce_specversion")).isEqualTo("1.0");
				assertThat(KafkaTestClient.header(record, "ce_id")).isEqualTo(eventId.toString());
				assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo("io.infrapm.project.ProjectCreated.v1");
				assertThat(KafkaTestClient.header(record, "ce_subject")).isEqualTo(projectId.toString());
				assertThat(KafkaTestClient.header(record, "content-type")).isEqualTo("application/json");
				assertThat(KafkaTestClient.header(record, "missing")).isNull();
				assertThat(KafkaTestClient.value(record)).isEqualTo("{\"projectId\":\"" + projectId + "\"}");
			});
		}
	}

	@Test
	void readingATopicThatDoesNotExistWaitsAndNeitherFindsNorCreatesIt() throws Exception {
		String topic = "infrapm.tests.absent." + UUID.randomUUID();
		try (KafkaTestClient kafka = new KafkaTestClient(TestInfrastructure.get().kafkaBootstrapServers())) {
			long started = System.nanoTime();
			assertThat(kafka.read(topic, (record) -> true, (read) -> false, Duration.ofMillis(800))).isEmpty();
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
		}
		try (Admin admin = Admin
			.create(Map.of("bootstrap.servers", TestInfrastructure.get().kafkaBootstrapServers()))) {
			assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).doesNotContain(topic);
		}
	}

}
