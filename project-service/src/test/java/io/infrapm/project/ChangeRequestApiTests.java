package io.infrapm.project;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.embedded.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Change requests over REST: submitted by the manager (once per idempotency key), decided
 * by the sponsor or the steering committee, an approved schedule change moving its
 * milestones, each step published with its author; bad input refused with the field
 * named.
 */
class ChangeRequestApiTests extends ProjectServiceApiTest {

	private final String pat = address("pat");

	private final String sara = address("sara");

	private final String olga = address("olga");

	@Test
	void theManagerSubmitsTheSponsorDecidesAndAScheduleChangeMovesItsMilestones() {
		String project = create();
		String base = "/api/projects/" + project;
		String manager = token(this.pat, "PROJECT_MANAGER");
		String milestone = JsonPath
			.read(send("POST", base + "/milestones", "{\"name\":\"Data migrated\",\"dueDate\":\"2027-05-14\"}", manager)
				.body(), "$.id");
		String body = """
				{"title":"Move the migration","category":"SCHEDULE","justification":"The vendor ships late",
				 "scheduleImpactDays":21,"affectedMilestones":["%s"],
				 "impactIfNotApproved":"Migration on hardware without support"}""".formatted(milestone);

		assertThat(send("POST", base + "/change-requests", body, token(this.olga, "STAKEHOLDER")).statusCode())
			.isEqualTo(403);
		HttpResponse<String> submitted = send("POST", base + "/change-requests", body, manager, null,
				"cr-" + this.suffix);
		assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(201);
		String id = JsonPath.read(submitted.body(), "$.id");
		assertThat(JsonPath.<String>read(submitted.body(), "$.number")).isEqualTo("CR-1");
		assertThat(JsonPath.<String>read(submitted.body(), "$.status")).isEqualTo("SUBMITTED");
		assertThat(submitted.headers().firstValue("Location")).hasValue(base + "/change-requests/" + id);
		HttpResponse<String> retried = send("POST", base + "/change-requests", body, manager, null,
				"cr-" + this.suffix);
		assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(JsonPath.<String>read(retried.body(), "$.id")).isEqualTo(id);

		String decision = "{\"decision\":\"APPROVED\",\"reason\":\"Cheaper than a second migration\"}";
		assertThat(send("POST", base + "/change-requests/" + id + "/decision", decision, manager).statusCode())
			.as("the manager does not approve their own change")
			.isEqualTo(403);
		HttpResponse<String> approved = send("POST", base + "/change-requests/" + id + "/decision", decision,
				token(this.sara, "STAKEHOLDER"));
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
		assertThat(JsonPath.<String>read(approved.body(), "$.decidedBy.email")).isEqualTo(this.sara);
		assertProblem(
				send("POST", base + "/change-requests/" + id + "/decision", decision, token(this.sara, "STAKEHOLDER")),
				409, null);

		HttpResponse<String> moved = send("GET", base + "/milestones/" + milestone, null, manager);
		assertThat(JsonPath.<String>read(moved.body(), "$.dueDate")).isEqualTo("2027-06-04");
		HttpResponse<String> open = send("GET", base + "/change-requests?open=true", null,
				token(this.olga, "STAKEHOLDER"));
		assertThat(JsonPath.<Integer>read(open.body(), "$.totalItems")).isZero();

		ConsumerRecord<String, byte[]> decided = eventOf(project, "io.infrapm.project.ChangeRequestDecided.v1");
		assertThat(KafkaTestClient.header(decided, "ce_subject")).isEqualTo(project);
		assertThat(KafkaTestClient.header(decided, "ce_specversion")).isEqualTo("1.0");
		assertThat(KafkaTestClient.header(decided, "ce_source")).isEqualTo("/infrapm/project-service");
		assertThat(JsonPath.<String>read(KafkaTestClient.value(decided), "$.decision")).isEqualTo("APPROVED");
		assertThat(JsonPath.<String>read(KafkaTestClient.value(decided), "$.actor.email")).isEqualTo(this.sara);
		String submittedEvent = KafkaTestClient.value(eventOf(project, "io.infrapm.project.ChangeRequestSubmitted.v1"));
		assertThat(JsonPath.<Integer>read(submittedEvent, "$.scheduleImpactDays")).isEqualTo(21);
		assertThat(eventOf(project, "io.infrapm.project.MilestoneRescheduled.v1")).isNotNull();
	}

	@Test
	void anApprovedCostChangeCarriesItsAmountAndBadInputChangesNothing() {
		String project = create();
		String base = "/api/projects/" + project + "/change-requests";
		String manager = token(this.pat, "PROJECT_MANAGER");

		assertProblem(
				send("POST", base, "{\"title\":\"More disks\",\"category\":\"COST\",\"justification\":\"x\"}", manager),
				422, "costImpact");
		assertProblem(send("POST", base, cost("1000", "USD"), manager), 422, "costImpact.currency");
		assertProblem(send("POST", base, cost("abc", "EUR"), manager), 400, "costImpact.amount");
		assertProblem(send("POST", base, "{\"title\":\"x\",\"category\":\"MONEY\",\"justification\":\"x\"}", manager),
				400, "category");
		assertProblem(send("POST", base,
				"{\"title\":\"x\",\"category\":\"SCOPE\",\"justification\":\"x\",\"scheduleImpactDays\":9999}",
				manager), 400, "scheduleImpactDays");
		assertThat(JsonPath.<Integer>read(send("GET", base, null, manager).body(), "$.totalItems")).isZero();

		String id = JsonPath.read(send("POST", base, cost("45000", "EUR"), manager).body(), "$.id");
		assertProblem(send("POST", base + "/" + id + "/decision", "{\"decision\":\"APPROVED\"}",
				token(this.sara, "STAKEHOLDER")), 400, "reason");
		HttpResponse<String> approved = send("POST", base + "/" + id + "/decision",
				"{\"decision\":\"APPROVED\",\"reason\":\"Capacity for the second site\"}",
				token("portia@example.com", "PORTFOLIO_MANAGER"));
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
		String event = KafkaTestClient.value(eventOf(project, "io.infrapm.project.ChangeRequestDecided.v1"));
		assertThat(JsonPath.<Number>read(event, "$.costImpact").intValue()).isEqualTo(45000);
		assertThat(JsonPath.<String>read(event, "$.currency")).isEqualTo("EUR");
		assertThat(JsonPath.<String>read(event, "$.category")).isEqualTo("COST");
		assertThat(send("GET", base + "/" + UUID.randomUUID(), null, manager).statusCode()).isEqualTo(404);
		assertThat(
				JsonPath.<List<String>>read(send("GET", base + "?open=false", null, manager).body(), "$.items[*].id"))
			.containsExactly(id);
	}

	private static String cost(String amount, String currency) {
		String value = amount.matches("-?[0-9.]+") ? amount : "\"" + amount + "\"";
		return """
				{"title":"More disks","category":"COST","justification":"Growth beyond plan",
				 "costImpact":{"amount":%s,"currency":"%s"}}""".formatted(value, currency);
	}

	private String create() {
		return createAsPortfolioManager("""
				{"code":"CR-%s","name":"Change test","category":"STORAGE_UPGRADE",
				 "plannedStart":"2027-01-04","plannedFinish":"2027-09-30",
				 "manager":{"name":"Pat Manager","email":"%s"},
				 "sponsor":{"name":"Sara Sponsor","email":"%s"},
				 "budget":{"amount":400000,"currency":"EUR"},
				 "stakeholders":[{"name":"Olga Engineer","email":"%s","role":"ENGINEER"}]}
				""".formatted(UUID.randomUUID().toString().substring(0, 8), this.pat, this.sara, this.olga));
	}

}
