package io.infrapm.project;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.embedded.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project's life cycle over REST: gate decisions by the sponsor, kept as history and
 * published; hold, resume and cancel by those who may; bad input answered with a problem
 * that names the field and changes nothing.
 */
class LifecycleApiTests extends ProjectServiceApiTest {

	private final String pat = "pat." + this.suffix + "@example.com";

	private final String sara = "sara." + this.suffix + "@example.com";

	private final String steve = "steve." + this.suffix + "@example.com";

	private final String olga = "olga." + this.suffix + "@example.com";

	private final String oliver = "oliver." + this.suffix + "@example.com";

	@Autowired
	private MongoTemplate mongo;

	@Test
	void theSponsorAndTheSteeringCommitteeDecideAtGatesAndEveryDecisionIsKeptAndPublished() {
		String project = create();
		String gates = "/api/projects/" + project + "/phase-transitions";
		String manager = token(this.pat, "PROJECT_MANAGER");

		HttpResponse<String> byManager = send("POST", gates, gate("PLANNING", "APPROVED"), manager);
		assertThat(byManager.statusCode()).as("the manager does not approve their own gate").isEqualTo(403);

		HttpResponse<String> rejected = send("POST", gates, gate("PLANNING", "REJECTED"),
				token(this.steve, "STAKEHOLDER"));
		assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(201);
		assertThat(JsonPath.<String>read(rejected.body(), "$.approver.email")).isEqualTo(this.steve);
		String key = "gate-" + this.suffix;
		HttpResponse<String> approved = send("POST", gates, gate("PLANNING", "APPROVED"),
				token(this.sara, "STAKEHOLDER"), null, key);
		assertThat(approved.statusCode()).as(approved.body()).isEqualTo(201);
		String gateId = JsonPath.read(approved.body(), "$.id");
		assertThat(approved.headers().firstValue("Location")).hasValue(gates + "/" + gateId);
		HttpResponse<String> retried = send("POST", gates, gate("PLANNING", "APPROVED"),
				token(this.sara, "STAKEHOLDER"), null, key);
		assertThat(retried.statusCode()).as("a retried approval, after the phase moved on").isEqualTo(201);
		assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(JsonPath.<String>read(retried.body(), "$.id")).isEqualTo(gateId);

		HttpResponse<String> read = send("GET", "/api/projects/" + project, null, token(this.olga, "STAKEHOLDER"));
		assertThat(JsonPath.<String>read(read.body(), "$.phase")).isEqualTo("PLANNING");
		HttpResponse<String> history = send("GET", gates, null, token(this.olga, "STAKEHOLDER"));
		assertThat(JsonPath.<List<String>>read(history.body(), "$.items[*].decision")).containsExactly("REJECTED",
				"APPROVED");
		assertThat(JsonPath.<List<String>>read(history.body(), "$.items[1].conditions"))
			.containsExactly("Vendor contract signed");
		assertThat(send("GET", gates + "/" + gateId, null, manager).statusCode()).isEqualTo(200);

		ConsumerRecord<String, byte[]> changed = eventOf(project, "io.infrapm.project.ProjectPhaseChanged.v1");
		assertThat(KafkaTestClient.header(changed, "ce_subject")).isEqualTo(project);
		assertThat(KafkaTestClient.header(changed, "ce_source")).isEqualTo("/infrapm/project-service");
		assertThat(KafkaTestClient.header(changed, "ce_specversion")).isEqualTo("1.0");
		assertThat(KafkaTestClient.header(changed, "content-type")).isEqualTo("application/json");
		String event = KafkaTestClient.value(changed);
		assertThat(JsonPath.<String>read(event, "$.previousPhase")).isEqualTo("INITIATING");
		assertThat(JsonPath.<String>read(event, "$.phase")).isEqualTo("PLANNING");
		assertThat(JsonPath.<String>read(event, "$.actor.email")).isEqualTo(this.sara);
		assertThat(eventOf(project, "io.infrapm.project.PhaseGateDecided.v1")).isNotNull();
	}

	@Test
	void badGateDecisionsAreProblemsThatChangeNothing() {
		String project = create();
		String gates = "/api/projects/" + project + "/phase-transitions";
		String sponsor = token(this.sara, "STAKEHOLDER");

		assertProblem(send("POST", gates, gate("EXECUTING", "APPROVED"), sponsor), 422, "toPhase");
		assertProblem(send("POST", gates, gate("PLANNING", "MAYBE"), sponsor), 400, "decision");
		assertProblem(send("POST", gates, "{\"decision\":\"APPROVED\"}", sponsor), 400, "toPhase");
		assertProblem(send("POST", gates, "{\"toPhase\":\"PLANNING\",\"decision\":\"APPROVED\",\"conditions\":[\" \"]}",
				sponsor), 400, "conditions[0]");
		send("POST", gates, gate("PLANNING", "APPROVED"), sponsor);
		assertProblem(send("POST", gates, gate("EXECUTING", "APPROVED"), sponsor), 422, "toPhase");

		HttpResponse<String> history = send("GET", gates, null, sponsor);
		assertThat(JsonPath.<Integer>read(history.body(), "$.totalItems")).isEqualTo(1);
		assertThat(send("GET", gates + "/" + UUID.randomUUID(), null, sponsor).statusCode()).isEqualTo(404);
	}

	@Test
	void theManagerHoldsAndResumesAndOnlyThoseWhoDecideCancel() {
		String project = create();
		String changes = "/api/projects/" + project + "/status-changes";
		String manager = token(this.pat, "PROJECT_MANAGER");

		HttpResponse<String> held = send("POST", changes, status("ON_HOLD", "Vendor insolvency"), manager);
		assertThat(held.statusCode()).as(held.body()).isEqualTo(200);
		assertThat(JsonPath.<String>read(held.body(), "$.status")).isEqualTo("ON_HOLD");
		assertProblem(send("POST", "/api/projects/" + project + "/phase-transitions", gate("PLANNING", "APPROVED"),
				token(this.sara, "STAKEHOLDER")), 409, null);
		assertProblem(send("POST", changes, status("ACTIVE", " "), manager), 400, "reason");
		assertProblem(send("POST", changes, status("CLOSED", "done"), manager), 422, "status");
		assertThat(send("POST", changes, status("ACTIVE", "New vendor"), token(this.olga, "STAKEHOLDER")).statusCode())
			.isEqualTo(403);
		assertThat(send("POST", changes, status("ACTIVE", "New vendor"), manager).statusCode()).isEqualTo(200);
		assertThat(send("POST", changes, status("CANCELLED", "Superseded"), manager).statusCode())
			.as("cancelling is a decision of the sponsor or the steering committee")
			.isEqualTo(403);

		HttpResponse<String> cancelled = send("POST", changes, status("CANCELLED", "Superseded by the cloud move"),
				token(this.sara, "STAKEHOLDER"));
		assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
		assertProblem(send("PATCH", "/api/projects/" + project, "{\"name\":\"Revived\"}", manager,
				cancelled.headers().firstValue("ETag").orElseThrow()), 409, null);
		HttpResponse<String> history = send("GET", changes, null, token(this.olga, "STAKEHOLDER"));
		assertThat(JsonPath.<List<String>>read(history.body(), "$.items[*].to")).containsExactly("ON_HOLD", "ACTIVE",
				"CANCELLED");
		assertThat(JsonPath.<String>read(history.body(), "$.items[2].by.email")).isEqualTo(this.sara);
		String event = KafkaTestClient.value(eventOf(project, "io.infrapm.project.ProjectCancelled.v1"));
		assertThat(JsonPath.<String>read(event, "$.reason")).isEqualTo("Superseded by the cloud move");
		assertThat(eventOf(project, "io.infrapm.project.ProjectStatusChanged.v1")).isNotNull();
	}

	@Test
	void aProjectClosesWithLessonsLearnedAndAHandOverOperationsAccepted() {
		String project = create();
		String base = "/api/projects/" + project;
		String manager = token(this.pat, "PROJECT_MANAGER");
		String sponsor = token(this.sara, "STAKEHOLDER");
		String operations = token(this.oliver, "STAKEHOLDER");
		approve(base, "PLANNING", sponsor);
		String milestone = JsonPath
			.read(send("POST", base + "/milestones", "{\"name\":\"Core cutover\",\"dueDate\":\"2027-02-20\"}", manager)
				.body(), "$.id");
		approve(base, "EXECUTING", sponsor);

		String handover = """
				{"receivingTeam":"Network operations","supportModel":"24x7, 30-minute response",
				 "goLiveDate":"2027-03-01","runbookUrl":"https://wiki.example.com/runbooks/campus-core",
				 "openItems":[{"description":"Label the spare optics","dueDate":"2027-03-15",
				               "owner":{"name":"Oliver Ops","email":"%s"}}]}""".formatted(this.oliver);
		assertProblem(send("PUT", base + "/handover", handover.replace("https://", "ftp://"), manager), 400,
				"runbookUrl");
		assertProblem(send("PUT", base + "/handover",
				handover.replace("{\"name\":\"Oliver Ops\",\"email\":\"" + this.oliver + "\"}", "null"), manager), 400,
				"openItems[0].owner");
		HttpResponse<String> proposed = send("PUT", base + "/handover", handover, manager);
		assertThat(proposed.statusCode()).as(proposed.body()).isEqualTo(200);
		assertThat(proposed.headers().firstValue("ETag")).hasValue("\"1\"");
		assertThat(send("PUT", base + "/handover", handover, token(this.olga, "STAKEHOLDER")).statusCode())
			.isEqualTo(403);

		approve(base, "MONITORING_CONTROLLING", sponsor);
		approve(base, "CLOSING", sponsor);
		assertThat(send("POST", base + "/handover/acceptance", "{}", manager).statusCode())
			.as("the manager does not accept their own hand-over")
			.isEqualTo(403);
		HttpResponse<String> accepted = send("POST", base + "/handover/acceptance",
				"{\"notes\":\"Runbook walked through\"}", operations);
		assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
		assertThat(JsonPath.<Boolean>read(accepted.body(), "$.accepted")).isTrue();
		assertThat(JsonPath.<String>read(accepted.body(), "$.acceptedBy.email")).isEqualTo(this.oliver);

		HttpResponse<String> early = send("POST", base + "/phase-transitions", gate("CLOSED", "APPROVED"), sponsor);
		assertProblem(early, 422, "toPhase");
		assertThat(early.body()).contains("Core cutover");
		send("POST", base + "/milestones/" + milestone + "/completion", "{\"completedOn\":\"2026-11-20\"}", manager);
		assertProblem(send("POST", base + "/phase-transitions", gate("CLOSED", "APPROVED"), sponsor), 422, "toPhase");
		HttpResponse<String> lesson = send("POST", base + "/lessons-learned",
				"{\"title\":\"Book cutover windows early\",\"description\":\"The change board meets monthly.\"}",
				manager);
		assertThat(lesson.statusCode()).as(lesson.body()).isEqualTo(201);
		assertThat(send("GET", lesson.headers().firstValue("Location").orElseThrow(), null, operations).statusCode())
			.isEqualTo(200);
		assertProblem(send("POST", base + "/lessons-learned",
				"{\"title\":\"book cutover windows early\",\"description\":\"again\"}", manager), 409, "title");

		approve(base, "CLOSED", sponsor);
		HttpResponse<String> closed = send("GET", base, null, manager);
		assertThat(JsonPath.<String>read(closed.body(), "$.status")).isEqualTo("CLOSED");
		assertThat(JsonPath.<String>read(closed.body(), "$.phase")).isEqualTo("CLOSED");
		assertProblem(send("POST", base + "/milestones", "{\"name\":\"After\",\"dueDate\":\"2027-05-01\"}", manager),
				409, null);
		assertThat(eventOf(project, "io.infrapm.project.ProjectClosed.v1")).isNotNull();
		String acceptance = KafkaTestClient.value(eventOf(project, "io.infrapm.project.HandoverAccepted.v1"));
		assertThat(JsonPath.<String>read(acceptance, "$.openItems[0].owner.email")).isEqualTo(this.oliver);
		assertThat(eventOf(project, "io.infrapm.project.LessonLearnedRecorded.v1")).isNotNull();
		assertThat(eventOf(project, "io.infrapm.project.HandoverProposed.v1")).isNotNull();
	}

	private void approve(String base, String phase, String token) {
		HttpResponse<String> approved = send("POST", base + "/phase-transitions", gate(phase, "APPROVED"), token);
		assertThat(approved.statusCode()).as(phase + ": " + approved.body()).isEqualTo(201);
	}

	@Test
	void theProjectListFiltersByStatusPhaseCategoryAndManagerAndSorts() {
		String first = create("2027-06-30");
		String held = create("2027-09-30");
		String planning = create("2027-03-31");
		String manager = token(this.pat, "PROJECT_MANAGER");
		send("POST", "/api/projects/" + held + "/status-changes", status("ON_HOLD", "Funding review"), manager);
		approve("/api/projects/" + planning, "PLANNING", token(this.sara, "STAKEHOLDER"));
		String portfolio = token("portia@example.com", "PORTFOLIO_MANAGER");
		String mine = "/api/projects?size=100&manager=" + this.pat.toUpperCase(java.util.Locale.ROOT);

		assertThat(ids(send("GET", mine, null, portfolio))).containsExactlyInAnyOrder(first, held, planning);
		assertThat(ids(send("GET", mine + "&status=ON_HOLD", null, portfolio))).containsExactly(held);
		assertThat(ids(send("GET", mine + "&status=ACTIVE", null, portfolio))).containsExactlyInAnyOrder(first,
				planning);
		assertThat(ids(send("GET", mine + "&phase=PLANNING", null, portfolio))).containsExactly(planning);
		assertThat(ids(send("GET", mine + "&category=NETWORK_ROLLOUT&sort=plannedFinish,desc", null, portfolio)))
			.containsExactly(held, first, planning);
		assertThat(ids(send("GET", mine + "&category=STORAGE_UPGRADE", null, portfolio))).isEmpty();
		assertThat(ids(send("GET", mine + "&status=ON_HOLD", null, manager))).as("a member's own list, filtered")
			.containsExactly(held);
		HttpResponse<String> paged = send("GET", mine.replace("size=100", "size=2") + "&sort=plannedFinish", null,
				portfolio);
		assertThat(ids(paged)).containsExactly(planning, first);
		assertThat(JsonPath.<Integer>read(paged.body(), "$.totalItems")).isEqualTo(3);
		assertThat(JsonPath.<Integer>read(paged.body(), "$.totalPages")).isEqualTo(2);

		assertProblem(send("GET", mine + "&sort=budget", null, portfolio), 422, "sort");
		assertProblem(send("GET", mine + "&sort=name,up", null, portfolio), 422, "sort");
		assertProblem(send("GET", mine + "&status=DONE", null, portfolio), 400, "status");
		assertProblem(send("GET", "/api/projects?manager=not-an-address", null, portfolio), 400, "manager");
	}

	private static List<String> ids(HttpResponse<String> response) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return JsonPath.read(response.body(), "$.items[*].id");
	}

	@Test
	void aProjectStoredWithAFormerPhaseNameStillReads() {
		String project = create();
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(UUID.fromString(project))),
				Update.update("phase", "EXECUTION"), "projects");

		HttpResponse<String> read = send("GET", "/api/projects/" + project, null, token(this.pat, "PROJECT_MANAGER"));
		assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
		assertThat(JsonPath.<String>read(read.body(), "$.phase")).isEqualTo("EXECUTING");
	}

	private static String gate(String toPhase, String decision) {
		return "{\"toPhase\":\"" + toPhase + "\",\"decision\":\"" + decision
				+ "\",\"notes\":\"Charter reviewed\",\"conditions\":[\"Vendor contract signed\"]}";
	}

	private static String status(String status, String reason) {
		return "{\"status\":\"" + status + "\",\"reason\":\"" + reason + "\"}";
	}

	private String create() {
		return create("2027-06-30");
	}

	private String create(String plannedFinish) {
		String body = """
				{"code":"LC-%s","name":"Lifecycle test","category":"NETWORK_ROLLOUT",
				 "description":"Campus core refresh",
				 "plannedStart":"2027-01-04","plannedFinish":"%s",
				 "manager":{"name":"Pat Manager","email":"%s"},
				 "sponsor":{"name":"Sara Sponsor","email":"%s"},
				 "budget":{"amount":250000,"currency":"EUR"},
				 "stakeholders":[{"name":"Steve Steering","email":"%s","role":"STEERING_COMMITTEE"},
				                 {"name":"Olga Engineer","email":"%s","role":"ENGINEER"},
				                 {"name":"Oliver Ops","email":"%s","role":"OPERATIONS"}]}
				""".formatted(UUID.randomUUID().toString().substring(0, 8), plannedFinish, this.pat, this.sara,
				this.steve, this.olga, this.oliver);
		String id = createAsPortfolioManager(body);
		HttpResponse<String> created = send("GET", "/api/projects/" + id, null,
				token("portia@example.com", "PORTFOLIO_MANAGER"));
		assertThat(JsonPath.<String>read(created.body(), "$.description")).isEqualTo("Campus core refresh");
		assertThat(JsonPath.<String>read(created.body(), "$.status")).isEqualTo("ACTIVE");
		return id;
	}

}
