package io.infrapm.risk;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.infrapm.embedded.AuthorisationWalk;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.embedded.TestHttp;
import io.infrapm.embedded.TestInfrastructure;
import io.infrapm.embedded.TestIssuer;
import io.infrapm.embedded.TestProjects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Who may read what in risk-service, decided from its own copy of project membership:
 * every endpoint refuses anonymous, forged and expired tokens and hides another project
 * from a member of one; a vendor sees the risks of their project, and a stakeholder
 * removed from a project no longer sees it. (What each platform role may read is the same
 * rule in every service, shown in budget-service's tests.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RiskAuthorisationTests {

	private static final TestIssuer issuer = TestInfrastructure.get().issuer();

	private static final String OUTSIDER = "olga@example.com";

	private static final String VENDOR = "vic@vendor.example";

	private static final UUID PROJECT_A = UUID.randomUUID();

	private static final UUID PROJECT_B = UUID.randomUUID();

	private static final UUID LEAVING = UUID.randomUUID();

	private static KafkaTestClient kafka;

	private static TestProjects projects;

	@LocalServerPort
	private int port;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private MongoTemplate mongo;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestInfrastructure.get()
			.springProperties("risk-authorisation-tests")
			.forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeAll
	static void projects() {
		kafka = new KafkaTestClient(TestInfrastructure.get().kafkaBootstrapServers());
		projects = new TestProjects(kafka);
		projects.created(PROJECT_A, "pat@example.com", Map.of(OUTSIDER, "ENGINEER", VENDOR, "VENDOR"));
		projects.created(PROJECT_B, "bea@example.com", Map.of("ben@example.com", "TECHNICAL_LEAD"));
		projects.stakeholderAdded(PROJECT_B, LEAVING, "lea@example.com", "ENGINEER", "bea@example.com");
	}

	@AfterAll
	static void disconnect() {
		kafka.close();
	}

	@Test
	void refusesEveryEndpointToAnonymousForgedExpiredAndOtherProjectsTokensAndChangesNothing() {
		awaitRisksReadableBy(PROJECT_A, issuer.token(OUTSIDER));
		awaitRisksReadableBy(PROJECT_B, issuer.token("ben@example.com"));

		new AuthorisationWalk("http://localhost:" + this.port, issuer).pathValue("projectId", PROJECT_B.toString())
			.outsider(issuer.token(OUTSIDER, "STAKEHOLDER"))
			.unchanged(AuthorisationWalk.contentsOf(this.mongo.getDb(), "registers", "project_memberships"))
			.walk(AuthorisationWalk.endpointsOf(this.context));
	}

	@Test
	void showsAVendorTheRisksOfTheirProject() {
		awaitRisksReadableBy(PROJECT_A, issuer.token(VENDOR, "STAKEHOLDER"));

		assertThat(risks(PROJECT_B, issuer.token(VENDOR, "STAKEHOLDER")).statusCode())
			.as("and nothing at all of another project")
			.isEqualTo(404);
	}

	@Test
	void followsTheStakeholderListAsProjectServicePublishesIt() {
		String leaving = issuer.token("lea@example.com");
		awaitRisksReadableBy(PROJECT_B, leaving);

		projects.stakeholderRemoved(PROJECT_B, LEAVING, "lea@example.com", "ENGINEER", "bea@example.com");

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(risks(PROJECT_B, leaving).statusCode()).isEqualTo(404));
		assertThat(risks(PROJECT_B, issuer.token("ben@example.com")).statusCode()).isEqualTo(200);
	}

	private void awaitRisksReadableBy(UUID projectId, String token) {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(risks(projectId, token).statusCode()).isEqualTo(200));
	}

	private HttpResponse<String> risks(UUID projectId, String token) {
		return new TestHttp("http://localhost:" + this.port).get("/api/projects/" + projectId + "/risks", token);
	}

}
