package io.infrapm.budget;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
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
 * Who may read what in budget-service, decided from its own copy of project membership:
 * every endpoint refuses anonymous, forged and expired tokens and hides another project
 * from a member of one; a vendor learns nothing of a project's money; portfolio managers
 * and executives see every budget, and a stakeholder removed from a project no longer
 * sees it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BudgetAuthorisationTests {

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
			.springProperties("budget-authorisation-tests")
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
		awaitBudgetReadableBy(projects.projectA(), issuer.token(OUTSIDER));
		awaitBudgetReadableBy(projects.projectB(), issuer.token(MEMBER_OF_B));

		TestHttp http = new TestHttp("http://localhost:" + this.port);
		String manager = issuer.token(MANAGER_OF_B, "PROJECT_MANAGER");
		String b = "/api/projects/" + projects.projectB();
		HttpResponse<String> line = http.send("POST", b + "/budget/lines",
				"{\"name\":\"Racks\",\"category\":\"HARDWARE\",\"expenditureType\":\"CAPEX\","
						+ "\"plannedAmount\":100000}",
				manager);
		assertThat(line.statusCode()).as(line.body()).isEqualTo(201);
		HttpResponse<String> cost = http.send("POST", b + "/costs",
				"{\"kind\":\"ACTUAL\",\"amount\":1200,\"currency\":\"EUR\",\"category\":\"HARDWARE\","
						+ "\"expenditureType\":\"CAPEX\",\"incurredOn\":\"2027-02-01\",\"reference\":\"INV-B1\"}",
				manager);
		assertThat(cost.statusCode()).as(cost.body()).isEqualTo(201);

		new AuthorisationWalk("http://localhost:" + this.port, issuer)
			.pathValue("projectId", projects.projectB().toString())
			.pathValue("lineId", JsonPath.read(line.body(), "$.id"))
			.pathValue("costId", JsonPath.read(cost.body(), "$.id"))
			.body("POST /api/projects/{projectId}/budget/lines/{lineId}/closure", "{}")
			.outsider(issuer.token(OUTSIDER, "STAKEHOLDER"))
			// The summary answers everyone, over what they may see.
			.outsiderGets("GET /api/portfolio/budget-summary", 200)
			.unchanged(AuthorisationWalk.contentsOf(this.mongo.getDb(), "budgets", "costs", "project_memberships"))
			.walk(AuthorisationWalk.endpointsOf(this.context));
		String summary = http.get("/api/portfolio/budget-summary?size=100", issuer.token(OUTSIDER, "STAKEHOLDER"))
			.body();
		assertThat(summary).as("finance of A only").contains(projects.projectA().toString());
		assertThat(summary).doesNotContain(projects.projectB().toString());
	}

	@Test
	void tellsAVendorOfTheProjectNothingOfItsBudget() {
		awaitBudgetReadableBy(projects.projectA(), issuer.token(OUTSIDER));

		HttpResponse<String> vendor = budget(projects.projectA(), issuer.token(VENDOR, "STAKEHOLDER"));
		assertThat(vendor.statusCode()).isEqualTo(404);
		assertThat(vendor.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(vendor.body()).doesNotContain("vendor");
		assertThat(new TestHttp("http://localhost:" + this.port)
			.get("/api/projects/" + projects.projectA() + "/costs", issuer.token(VENDOR, "STAKEHOLDER"))
			.statusCode()).isEqualTo(404);
		assertThat(budget(projects.projectB(), issuer.token(VENDOR, "STAKEHOLDER")).statusCode())
			.as("and nothing at all of another project")
			.isEqualTo(404);
	}

	@Test
	void letsPortfolioManagersAndExecutivesReadEveryBudget() {
		awaitBudgetReadableBy(projects.projectB(), issuer.token(MEMBER_OF_B));

		assertThat(budget(projects.projectB(), issuer.token("portia@example.com", "PORTFOLIO_MANAGER")).statusCode())
			.isEqualTo(200);
		assertThat(budget(projects.projectB(), issuer.token("erin@example.com", "EXECUTIVE")).statusCode())
			.isEqualTo(200);
		assertThat(budget(projects.projectB(), issuer.token("pat@example.com", "PROJECT_MANAGER")).statusCode())
			.as("a project manager of another project")
			.isEqualTo(404);
	}

	@Test
	void followsTheStakeholderListAsProjectServicePublishesIt() {
		String leaving = issuer.token(LEAVER);
		awaitBudgetReadableBy(projects.projectB(), leaving);

		projects.removeLeaver();

		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(budget(projects.projectB(), leaving).statusCode()).isEqualTo(404));
		assertThat(budget(projects.projectB(), issuer.token(MEMBER_OF_B)).statusCode()).isEqualTo(200);
		assertThat(new TestHttp("http://localhost:" + this.port).get("/api/portfolio/budget-summary", leaving).body())
			.as("nor in the portfolio")
			.doesNotContain(projects.projectB().toString());
	}

	private void awaitBudgetReadableBy(UUID projectId, String token) {
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(budget(projectId, token).statusCode()).isEqualTo(200));
	}

	private HttpResponse<String> budget(UUID projectId, String token) {
		return new TestHttp("http://localhost:" + this.port).get("/api/projects/" + projectId + "/budget", token);
	}

}
