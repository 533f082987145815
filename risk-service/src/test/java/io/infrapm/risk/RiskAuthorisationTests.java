package io.infrapm.risk;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import com.mongodb.client.model.Filters;
import io.infrapm.embedded.AuthorisationWalk;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.embedded.TestHttp;
import io.infrapm.embedded.TestInfrastructure;
import io.infrapm.embedded.TestIssuer;
import io.infrapm.embedded.TwoProjects;
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

import static io.infrapm.embedded.TwoProjects.LEAVER;
import static io.infrapm.embedded.TwoProjects.MANAGER_OF_B;
import static io.infrapm.embedded.TwoProjects.MEMBER_OF_B;
import static io.infrapm.embedded.TwoProjects.OUTSIDER;
import static io.infrapm.embedded.TwoProjects.VENDOR;
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

	private static KafkaTestClient kafka;

	private static TwoProjects projects;

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
		projects = TwoProjects.publish(kafka);
	}

	@AfterAll
	static void disconnect() {
		kafka.close();
	}

	@Test
	void refusesEveryEndpointToAnonymousForgedExpiredAndOtherProjectsTokensAndChangesNothing() {
		awaitRisksReadableBy(projects.projectA(), issuer.token(OUTSIDER));
		awaitRisksReadableBy(projects.projectB(), issuer.token(MEMBER_OF_B));

		HttpResponse<String> risk = new TestHttp("http://localhost:" + this.port).send("POST",
				"/api/projects/" + projects.projectB() + "/risks",
				"{\"title\":\"Racks late\",\"cause\":\"Strike\",\"event\":\"No delivery\","
						+ "\"effect\":\"Cutover slips\",\"category\":\"VENDOR\",\"type\":\"THREAT\"}",
				issuer.token(MANAGER_OF_B, "PROJECT_MANAGER"));
		assertThat(risk.statusCode()).as(risk.body()).isEqualTo(201);
		HttpResponse<String> issue = new TestHttp("http://localhost:" + this.port).send("POST",
				"/api/projects/" + projects.projectB() + "/issues",
				"{\"title\":\"Feed B trips\",\"category\":\"OPERATIONAL\",\"severity\":\"MEDIUM\"}",
				issuer.token(MANAGER_OF_B, "PROJECT_MANAGER"));
		assertThat(issue.statusCode()).as(issue.body()).isEqualTo(201);

		HttpResponse<String> action = new TestHttp("http://localhost:" + this.port).send("POST",
				"/api/risks/" + JsonPath.read(risk.body(), "$.id") + "/actions",
				"{\"title\":\"Second supplier\",\"dueDate\":\"2027-01-20\"}",
				issuer.token(MANAGER_OF_B, "PROJECT_MANAGER"));
		assertThat(action.statusCode()).as(action.body()).isEqualTo(201);

		HttpResponse<String> assumption = new TestHttp("http://localhost:" + this.port).send("POST",
				"/api/projects/" + projects.projectB() + "/assumptions", "{\"title\":\"Racks fit\"}",
				issuer.token(MANAGER_OF_B, "PROJECT_MANAGER"));
		assertThat(assumption.statusCode()).as(assumption.body()).isEqualTo(201);
		HttpResponse<String> dependency = new TestHttp("http://localhost:" + this.port).send("POST",
				"/api/projects/" + projects.projectB() + "/dependencies",
				"{\"title\":\"Power\",\"kind\":\"INTERNAL\",\"counterpart\":\"Facilities\",\"needBy\":\"2027-02-01\"}",
				issuer.token(MANAGER_OF_B, "PROJECT_MANAGER"));
		assertThat(dependency.statusCode()).as(dependency.body()).isEqualTo(201);

		new AuthorisationWalk("http://localhost:" + this.port, issuer)
			.pathValue("projectId", projects.projectB().toString())
			.pathValue("riskId", JsonPath.read(risk.body(), "$.id"))
			.pathValue("issueId", JsonPath.read(issue.body(), "$.id"))
			.pathValue("actionId", JsonPath.read(action.body(), "$.id"))
			.pathValue("assumptionId", JsonPath.read(assumption.body(), "$.id"))
			.pathValue("dependencyId", JsonPath.read(dependency.body(), "$.id"))
			.outsider(issuer.token(OUTSIDER, "STAKEHOLDER"))
			// The portfolio's risks answer everyone, over what they may see.
			.outsiderGets("GET /api/portfolio/risks", 200)
			// The budget consumer may still catch up on other tests' events: project B's
			// documents are what the walk must leave alone.
			.unchanged(AuthorisationWalk.contentsOf(this.mongo.getDb(),
					Map.of("registers", Filters.eq("_id", projects.projectB()), "risks",
							Filters.eq("projectId", projects.projectB()), "issues",
							Filters.eq("projectId", projects.projectB()), "assumptions",
							Filters.eq("projectId", projects.projectB()), "dependencies",
							Filters.eq("projectId", projects.projectB()), "project_memberships",
							Filters.eq("_id", projects.projectB()))))
			.walk(AuthorisationWalk.endpointsOf(this.context));
		String riskId = JsonPath.read(risk.body(), "$.id");
		TestHttp http = new TestHttp("http://localhost:" + this.port);
		assertThat(http.send("POST", "/api/risks/" + riskId + "/assessments",
				"{\"kind\":\"INHERENT\",\"probability\":4,\"impact\":4}", issuer.token(MANAGER_OF_B, "PROJECT_MANAGER"))
			.statusCode()).isEqualTo(200);
		assertThat(http.get("/api/portfolio/risks?band=LOW&size=100", issuer.token(OUTSIDER, "STAKEHOLDER")).body())
			.as("the portfolio of a member of A holds nothing of B")
			.doesNotContain(riskId);
		assertThat(http.get("/api/portfolio/risks?band=LOW&size=100", issuer.token(MEMBER_OF_B)).body())
			.contains(riskId);
	}

	@Test
	void showsAVendorTheRisksOfTheirProject() {
		awaitRisksReadableBy(projects.projectA(), issuer.token(VENDOR, "STAKEHOLDER"));

		assertThat(risks(projects.projectB(), issuer.token(VENDOR, "STAKEHOLDER")).statusCode())
			.as("and nothing at all of another project")
			.isEqualTo(404);
	}

	@Test
	void followsTheStakeholderListAsProjectServicePublishesIt() {
		String leaving = issuer.token(LEAVER);
		awaitRisksReadableBy(projects.projectB(), leaving);

		projects.removeLeaver();

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(risks(projects.projectB(), leaving).statusCode()).isEqualTo(404));
		assertThat(risks(projects.projectB(), issuer.token(MEMBER_OF_B)).statusCode()).isEqualTo(200);
	}

	private void awaitRisksReadableBy(UUID projectId, String token) {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(risks(projectId, token).statusCode()).isEqualTo(200));
	}

	private HttpResponse<String> risks(UUID projectId, String token) {
		return new TestHttp("http://localhost:" + this.port).get("/api/projects/" + projectId + "/risks", token);
	}

}
