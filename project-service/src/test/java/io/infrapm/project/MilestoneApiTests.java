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
 * The schedule over REST: milestones planned, changed, moved, completed and waived by
 * those who may, with the plan and its critical path; bad input answered with a problem
 * that names the field and changes nothing; each change published with the CloudEvents
 * headers and its author.
 */
class MilestoneApiTests extends ProjectServiceApiTest {

	private final String pat = "pat." + this.suffix + "@example.com";

	private final String tess = "tess." + this.suffix + "@example.com";

	private final String olga = "olga." + this.suffix + "@example.com";

	@Test
	void aManagerPlansTheScheduleAndEveryChangeIsPublishedWithItsAuthor() {
		String project = create();
		String manager = token(this.pat, "PROJECT_MANAGER");

		HttpResponse<String> design = send("POST", milestones(project), milestone("Design", "2027-02-15"), manager,
				null, "design-" + this.suffix);
		assertThat(design.statusCode()).as(design.body()).isEqualTo(201);
		String designId = JsonPath.read(design.body(), "$.id");
		assertThat(design.headers().firstValue("Location")).hasValue(milestones(project) + "/" + designId);
		assertThat(design.headers().firstValue("ETag")).hasValue("\"1\"");
		assertThat(JsonPath.<String>read(design.body(), "$.plannedBy.email")).isEqualTo(this.pat);
		HttpResponse<String> retried = send("POST", milestones(project), milestone("Design", "2027-02-15"), manager,
				null, "design-" + this.suffix);
		assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(JsonPath.<String>read(retried.body(), "$.id")).isEqualTo(designId);

		String buildBody = """
				{"name":"Build","dueDate":"2027-04-15","critical":true,"dependsOn":["%s"],
				 "owner":{"name":"Tess Lead","email":"%s"}}""".formatted(designId, this.tess);
		HttpResponse<String> build = send("POST", milestones(project), buildBody, manager);
		assertThat(build.statusCode()).as(build.body()).isEqualTo(201);
		String buildId = JsonPath.read(build.body(), "$.id");

		HttpResponse<String> moved = send("POST", milestones(project) + "/" + designId + "/reschedules",
				"{\"dueDate\":\"2027-04-20\",\"reason\":\"Vendor design review slipped\"}", manager, "\"1\"");
		assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
		assertThat(moved.headers().firstValue("ETag")).hasValue("\"2\"");
		assertThat(JsonPath.<String>read(moved.body(), "$.reschedules[0].previousDueDate")).isEqualTo("2027-02-15");
		assertThat(JsonPath.<String>read(moved.body(), "$.reschedules[0].by.email")).isEqualTo(this.pat);
		HttpResponse<String> conflicted = send("GET", milestones(project) + "/" + buildId, null, manager);
		assertThat(JsonPath.<String>read(conflicted.body(), "$.conflicts[0].kind")).isEqualTo("DEPENDENCY");

		HttpResponse<String> schedule = send("GET", "/api/projects/" + project + "/schedule", null,
				token(this.olga, "STAKEHOLDER"));
		assertThat(schedule.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<List<String>>read(schedule.body(), "$.milestones[*].name")).containsExactly("Design",
				"Build");
		// Design, moved to 20 April, leaves least room before the planned finish (30
		// June).
		assertThat(JsonPath.<List<String>>read(schedule.body(), "$.criticalPath")).containsExactly(designId);
		assertThat(JsonPath.<Integer>read(schedule.body(), "$.milestones[0].slackDays")).isEqualTo(71);
		assertThat(JsonPath.<String>read(schedule.body(), "$.milestones[1].conflicts[0].withMilestoneId"))
			.isEqualTo(designId);

		assertThat(send("POST", milestones(project) + "/" + designId + "/completion",
				"{\"completedOn\":\"2026-11-20\"}", manager)
			.statusCode()).isEqualTo(200);
		HttpResponse<String> byOwner = send("POST", milestones(project) + "/" + buildId + "/completion",
				"{\"completedOn\":\"2026-11-25\"}", token(this.tess, "STAKEHOLDER"));
		assertThat(byOwner.statusCode()).as("the owner records it: " + byOwner.body()).isEqualTo(200);
		assertThat(JsonPath.<String>read(byOwner.body(), "$.status")).isEqualTo("COMPLETED");
		assertThat(JsonPath.<List<Object>>read(byOwner.body(), "$.conflicts")).isEmpty();

		ConsumerRecord<String, byte[]> planned = eventOf(project, "io.infrapm.project.MilestonePlanned.v1");
		assertThat(KafkaTestClient.header(planned, "ce_specversion")).isEqualTo("1.0");
		assertThat(KafkaTestClient.header(planned, "ce_source")).isEqualTo("/infrapm/project-service");
		assertThat(KafkaTestClient.header(planned, "ce_subject")).isEqualTo(project);
		assertThat(KafkaTestClient.header(planned, "content-type")).isEqualTo("application/json");
		assertThat(UUID.fromString(KafkaTestClient.header(planned, "ce_id"))).isNotNull();
		assertThat(KafkaTestClient.header(planned, "ce_time")).isNotBlank();
		assertThat(JsonPath.<String>read(KafkaTestClient.value(planned), "$.actor.email")).isEqualTo(this.pat);
		assertThat(JsonPath.<String>read(KafkaTestClient.value(planned), "$.milestoneId")).isEqualTo(designId);
		for (String type : List.of("MilestoneRescheduled", "ScheduleConflictDetected", "MilestoneCompleted",
				"ScheduleConflictResolved")) {
			assertThat(eventOf(project, "io.infrapm.project." + type + ".v1")).as(type).isNotNull();
		}
		String completed = KafkaTestClient.value(eventOf(project, "io.infrapm.project.MilestoneCompleted.v1",
				(record) -> KafkaTestClient.value(record).contains(buildId)));
		assertThat(JsonPath.<String>read(completed, "$.actor.email")).isEqualTo(this.tess);
	}

	@Test
	void theManagerReportsProgressWhichIsPublishedForEarnedValue() {
		String project = create();
		String manager = token(this.pat, "PROJECT_MANAGER");
		String designId = JsonPath
			.read(send("POST", milestones(project), milestone("Design", "2027-02-15"), manager).body(), "$.id");
		String progress = "/api/projects/" + project + "/progress";
		String body = """
				{"asOf":"2026-11-30","percentComplete":37.5,"notes":"Racks delivered",
				 "milestones":[{"milestoneId":"%s","percentComplete":80}]}""".formatted(designId);

		assertThat(send("POST", progress, body, token(this.olga, "STAKEHOLDER")).statusCode()).isEqualTo(403);
		assertProblem(send("POST", progress, body.replace("37.5", "137.5"), manager), 400, "percentComplete");
		assertProblem(send("POST", progress, body.replace("37.5", "37.125"), manager), 400, "percentComplete");
		assertProblem(send("POST", progress, body.replace("2026-11-30", "2999-01-01"), manager), 422, "asOf");
		assertProblem(send("POST", progress, body.replace(designId, UUID.randomUUID().toString()), manager), 422,
				"milestones[0].milestoneId");
		HttpResponse<String> reported = send("POST", progress, body, manager, null, "progress-" + this.suffix);
		assertThat(reported.statusCode()).as(reported.body()).isEqualTo(201);
		HttpResponse<String> retried = send("POST", progress, body, manager, null, "progress-" + this.suffix);
		assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		send("POST", progress, body.replace("2026-11-30", "2026-11-23").replace("37.5", "30"), manager);

		HttpResponse<String> list = send("GET", progress, null, token(this.olga, "STAKEHOLDER"));
		assertThat(JsonPath.<List<String>>read(list.body(), "$.items[*].asOf")).containsExactly("2026-11-30",
				"2026-11-23");
		String event = KafkaTestClient.value(eventOf(project, "io.infrapm.project.ProgressReported.v1"));
		assertThat(JsonPath.<Double>read(event, "$.percentComplete")).isEqualTo(37.5);
		assertThat(JsonPath.<String>read(event, "$.milestones[0].milestoneId")).isEqualTo(designId);
		assertThat(JsonPath.<String>read(event, "$.actor.email")).isEqualTo(this.pat);
	}

	@Test
	void badInputIsAProblemNamingTheFieldAndChangesNothing() {
		String project = create();
		String manager = token(this.pat, "PROJECT_MANAGER");
		String designId = JsonPath
			.read(send("POST", milestones(project), milestone("Design", "2027-02-15"), manager).body(), "$.id");
		String item = milestones(project) + "/" + designId;

		assertProblem(send("POST", milestones(project), "{\"dueDate\":\"2027-02-15\"}", manager), 400, "name");
		assertProblem(send("POST", milestones(project), milestone("Bad", "2027-02-30"), manager), 400, "dueDate");
		assertProblem(send("POST", milestones(project),
				"{\"name\":\"Orphan\",\"dueDate\":\"2027-03-01\",\"dependsOn\":[\"" + UUID.randomUUID() + "\"]}",
				manager), 422, "dependsOn[0]");
		assertProblem(send("POST", milestones(project), "{\"name\":\"X\",\"dueDate\":\"2027-03-01\",\"dependsOn\":[1]}",
				manager), 400, "dependsOn[0]");
		assertProblem(send("PATCH", item, "{\"dependsOn\":[\"" + designId + "\"]}", manager, "\"1\""), 422,
				"dependsOn[0]");
		assertProblem(send("PATCH", item, "{\"name\":\"Renamed\"}", manager), 428, "If-Match");
		assertProblem(send("PATCH", item, "{\"name\":\"Renamed\"}", manager, "\"7\""), 412, "If-Match");
		assertProblem(send("POST", item + "/reschedules", "{\"dueDate\":\"2027-03-01\"}", manager), 400, "reason");
		assertProblem(send("POST", item + "/reschedules", "{\"dueDate\":\"2027-02-15\",\"reason\":\"same\"}", manager),
				422, "dueDate");
		assertProblem(send("POST", item + "/completion", "{\"completedOn\":\"2999-01-01\"}", manager), 422,
				"completedOn");
		assertProblem(send("POST", item + "/waiver", "{\"reason\":\" \"}", manager), 400, "reason");
		assertProblem(send("GET", milestones(project) + "?status=LATE", null, manager), 400, "status");
		HttpResponse<String> unknown = send("GET", milestones(project) + "/" + UUID.randomUUID(), null, manager);
		assertThat(unknown.statusCode()).isEqualTo(404);

		HttpResponse<String> read = send("GET", item, null, manager);
		assertThat(read.headers().firstValue("ETag")).hasValue("\"1\"");
		assertThat(JsonPath.<String>read(read.body(), "$.name")).isEqualTo("Design");
		assertThat(JsonPath.<List<Object>>read(read.body(), "$.reschedules")).isEmpty();
		assertThat(JsonPath.<Integer>read(send("GET", milestones(project), null, manager).body(), "$.totalItems"))
			.isEqualTo(1);

		assertThat(send("POST", item + "/waiver", "{\"reason\":\"Covered by the vendor's acceptance\"}", manager)
			.statusCode()).isEqualTo(200);
		assertProblem(send("POST", item + "/completion", "{\"completedOn\":\"2026-11-20\"}", manager), 409, null);
	}

	@Test
	void onlyTheManagerChangesTheScheduleAndMembersReadIt() {
		String project = create();
		String manager = token(this.pat, "PROJECT_MANAGER");
		String member = token(this.olga, "STAKEHOLDER");
		String designId = JsonPath
			.read(send("POST", milestones(project), milestone("Design", "2027-02-15"), manager).body(), "$.id");
		String item = milestones(project) + "/" + designId;

		assertThat(send("POST", milestones(project), milestone("Mine", "2027-02-15"), member).statusCode())
			.isEqualTo(403);
		assertThat(send("POST", item + "/completion", "{\"completedOn\":\"2026-11-20\"}", member).statusCode())
			.as("not its owner")
			.isEqualTo(403);
		assertThat(send("PATCH", item, "{\"critical\":true}", member, "\"1\"").statusCode()).isEqualTo(403);
		HttpResponse<String> list = send("GET", milestones(project) + "?status=PLANNED", null, member);
		assertThat(list.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<List<String>>read(list.body(), "$.items[*].id")).containsExactly(designId);
	}

	private String create() {
		String body = """
				{"code":"MS-%s","name":"Schedule test","category":"DATA_CENTRE_MIGRATION",
				 "plannedStart":"2027-01-04","plannedFinish":"2027-06-30",
				 "manager":{"name":"Pat Manager","email":"%s"},
				 "budget":{"amount":500000,"currency":"EUR"},
				 "stakeholders":[{"name":"Olga Engineer","email":"%s","role":"ENGINEER"},
				                 {"name":"Tess Lead","email":"%s","role":"TECHNICAL_LEAD"}]}
				""".formatted(UUID.randomUUID().toString().substring(0, 8), this.pat, this.olga, this.tess);
		return createAsPortfolioManager(body);
	}

	private static String milestones(String project) {
		return "/api/projects/" + project + "/milestones";
	}

	private static String milestone(String name, String due) {
		return "{\"name\":\"" + name + "\",\"dueDate\":\"" + due + "\"}";
	}

}
