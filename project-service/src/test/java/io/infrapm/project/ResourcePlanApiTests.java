package io.infrapm.project;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.embedded.KafkaTestClient;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Resource plans over REST: set as a whole by the manager under the plan's ETag, read by
 * members; a person's load across projects shown to those who may see it, with projects
 * the caller may not read only in a total; over-allocation published once.
 */
class ResourcePlanApiTests extends ProjectServiceApiTest {

	private final String pat = address("pat");

	private final String bea = address("bea");

	private final String tess = address("tess");

	private final String olga = address("olga");

	@Test
	void aManagerPlansPeopleAndTheirLoadAcrossProjectsShowsTheOverAllocation() {
		String a = create(this.pat);
		String b = create(this.bea);
		String patToken = token(this.pat, "PROJECT_MANAGER");
		String beaToken = token(this.bea, "PROJECT_MANAGER");

		HttpResponse<String> first = send("PUT", plan(a), plan(this.tess, "2027-03-01", "2027-03-28", 60), patToken);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
		assertThat(first.headers().firstValue("ETag")).hasValue("\"1\"");
		assertThat(JsonPath.<String>read(first.body(), "$.updatedBy.email")).isEqualTo(this.pat);
		HttpResponse<String> second = send("PUT", plan(b), plan(this.tess, "2027-03-15", "2027-04-11", 50), beaToken);
		assertThat(second.statusCode()).as(second.body()).isEqualTo(200);

		String over = KafkaTestClient.value(eventOf(b, "io.infrapm.project.ResourceOverAllocated.v1"));
		assertThat(JsonPath.<String>read(over, "$.email")).isEqualTo(this.tess);
		assertThat(JsonPath.<List<String>>read(over, "$.periods[*].start")).containsExactly("2027-03-15", "2027-03-22");
		assertThat(JsonPath.<Integer>read(over, "$.projects")).isEqualTo(2);
		assertThat(eventsOf(a, "io.infrapm.project.ResourceOverAllocated.v1")).isEmpty();
		assertThat(JsonPath.<Integer>read(
				KafkaTestClient.value(eventOf(a, "io.infrapm.project.ResourcePlanChanged.v1")), "$.revision"))
			.isEqualTo(1);

		HttpResponse<String> own = send("GET", load(this.tess) + "?from=2027-03-08&to=2027-03-28", null,
				token(this.tess, "STAKEHOLDER"));
		assertThat(own.statusCode()).as(own.body()).isEqualTo(200);
		assertThat(JsonPath.<List<Boolean>>read(own.body(), "$.items[*].overAllocated")).containsExactly(false, true,
				true);
		assertThat(JsonPath.<Number>read(own.body(), "$.items[1].percent").doubleValue()).isEqualTo(110.0);
		assertThat(JsonPath.<List<String>>read(own.body(), "$.items[1].projects[*].projectId"))
			.as("the person is no member of the projects, so sees them only in the total")
			.isEmpty();
		assertThat(JsonPath.<Number>read(own.body(), "$.items[1].otherProjectsPercent").doubleValue()).isEqualTo(110.0);

		HttpResponse<String> managerOfA = send("GET", load(this.tess) + "?from=2027-03-15&to=2027-03-21", null,
				patToken);
		assertThat(JsonPath.<List<String>>read(managerOfA.body(), "$.items[0].projects[*].projectId"))
			.containsExactly(a);
		assertThat(JsonPath.<Number>read(managerOfA.body(), "$.items[0].otherProjectsPercent").doubleValue())
			.as("project b only as a figure")
			.isEqualTo(50.0);
		HttpResponse<String> monthly = send("GET", load(this.tess) + "?from=2027-03-01&to=2027-04-30&granularity=MONTH",
				null, token("portia@example.com", "PORTFOLIO_MANAGER"));
		assertThat(JsonPath.<List<String>>read(monthly.body(), "$.items[*].start")).containsExactly("2027-03-01",
				"2027-04-01");
		assertThat(JsonPath.<List<String>>read(monthly.body(), "$.items[0].projects[*].projectId"))
			.containsExactlyInAnyOrder(a, b);

		assertProblem(send("GET", load(this.tess), null, token(this.olga, "STAKEHOLDER")), 404, null);
		assertProblem(send("GET", load(address("nobody")), null, token("portia@example.com", "PORTFOLIO_MANAGER")), 404,
				null);
	}

	@Test
	void aPlanChangesOnlyUnderItsETagAndBadInputChangesNothing() {
		String a = create(this.pat);
		String manager = token(this.pat, "PROJECT_MANAGER");
		HttpResponse<String> empty = send("GET", plan(a), null, manager);
		assertThat(empty.headers().firstValue("ETag")).hasValue("\"0\"");
		assertThat(JsonPath.<List<Object>>read(empty.body(), "$.allocations")).isEmpty();
		assertThat(send("PUT", plan(a), plan(this.tess, "2027-03-01", "2027-03-28", 60), manager).statusCode())
			.isEqualTo(200);

		assertProblem(send("PUT", plan(a), plan(this.tess, "2027-03-01", "2027-03-28", 70), manager), 428, null);
		assertProblem(send("PUT", plan(a), plan(this.tess, "2027-03-01", "2027-03-28", 70), manager, "\"0\""), 412,
				null);
		assertProblem(send("PUT", plan(a), plan(this.tess, "2027-03-01", "2027-03-28", 0), manager, "\"1\""), 400,
				"allocations[0].percent");
		assertProblem(send("PUT", plan(a), plan(this.tess, "2027-03-01", "2027-03-28", 101), manager, "\"1\""), 400,
				"allocations[0].percent");
		assertProblem(send("PUT", plan(a), plan(this.tess, "2027-03-28", "2027-03-01", 50), manager, "\"1\""), 422,
				"allocations[0].to");
		assertProblem(send("PUT", plan(a),
				"{\"allocations\":[{\"from\":\"2027-03-01\",\"to\":\"2027-03-02\",\"percent\":10}]}", manager, "\"1\""),
				422, "allocations[0]");
		assertProblem(send("PUT", plan(a), "{}", manager, "\"1\""), 400, "allocations");
		assertProblem(send("GET", load("not-an-address"), null, manager), 400, null);
		assertProblem(send("GET", load(this.tess) + "?from=2027-03-01&to=2030-03-01", null, manager), 422, "to");
		assertProblem(send("PUT", plan(a), plan(this.tess, "2027-03-01", "2027-03-28", 70),
				token(this.olga, "STAKEHOLDER"), "\"1\""), 403, null);

		HttpResponse<String> unchanged = send("GET", plan(a), null, token(this.olga, "STAKEHOLDER"));
		assertThat(unchanged.statusCode()).as("a member reads the plan").isEqualTo(200);
		assertThat(unchanged.headers().firstValue("ETag")).hasValue("\"1\"");
		assertThat(JsonPath.<Number>read(unchanged.body(), "$.allocations[0].percent").intValue()).isEqualTo(60);
	}

	private String create(String manager) {
		String body = """
				{"code":"RP-%s","name":"Resource test","category":"NETWORK_ROLLOUT",
				 "plannedStart":"2027-01-04","plannedFinish":"2027-09-30",
				 "manager":{"name":"Manager","email":"%s"},
				 "budget":{"amount":400000,"currency":"EUR"},
				 "stakeholders":[{"name":"Olga Engineer","email":"%s","role":"ENGINEER"}]}
				""".formatted(UUID.randomUUID().toString().substring(0, 8), manager, this.olga);
		return createAsPortfolioManager(body);
	}

	private static String plan(String project) {
		return "/api/projects/" + project + "/resource-plan";
	}

	private static String load(String email) {
		return "/api/resources/" + email + "/allocation";
	}

	private static String plan(String email, String from, String to, int percent) {
		return """
				{"allocations":[{"role":"Technical lead","person":{"name":"Tess Lead","email":"%s"},
				 "from":"%s","to":"%s","percent":%d}]}""".formatted(email, from, to, percent);
	}

}
