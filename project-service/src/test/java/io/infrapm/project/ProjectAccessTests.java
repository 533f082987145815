package io.infrapm.project;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.embedded.AuthorisationWalk;
import io.infrapm.embedded.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may do what in project-service (DESIGN.md §7): project managers start their own
 * projects, members see theirs and nothing else, the manager changes plans and the
 * stakeholder list, a vendor does not see the money, every change names its author from
 * the token, and no endpoint lets anyone else in.
 */
class ProjectAccessTests extends ProjectServiceApiTest {

	private final String pat = "pat." + this.suffix + "@example.com";

	private final String bea = "bea." + this.suffix + "@example.com";

	private final String olga = "olga." + this.suffix + "@example.com";

	private final String vic = "vic." + this.suffix + "@vendor.example";

	private final String sid = "sid." + this.suffix + "@example.com";

	@Autowired
	private ApplicationContext context;

	@Autowired
	private MongoTemplate mongo;

	@Test
	void aProjectManagerWhoNamesNoManagerManagesTheProjectAndIsItsAuthor() {
		HttpResponse<String> created = send("POST", "/api/projects", project("pm", null, List.of()),
				token(this.pat, "PROJECT_MANAGER"));

		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		String id = JsonPath.read(created.body(), "$.id");
		assertThat(JsonPath.<String>read(created.body(), "$.manager.email")).isEqualTo(this.pat);
		assertThat(JsonPath.<String>read(created.body(), "$.createdBy.email")).isEqualTo(this.pat);
		assertThat(JsonPath.<String>read(created.body(), "$.createdBy.name")).as("the token's name claim")
			.startsWith("Pat ");
		String event = KafkaTestClient.value(eventOf(id, "io.infrapm.project.ProjectCreated.v1"));
		assertThat(JsonPath.<String>read(event, "$.actor.subject")).isEqualTo(this.pat);
		assertThat(JsonPath.<String>read(event, "$.actor.email")).isEqualTo(this.pat);
		assertThat(JsonPath.<String>read(event, "$.manager.email")).isEqualTo(this.pat);
	}

	@Test
	void onlyProjectAndPortfolioManagersStartProjectsAndOnlyAPortfolioManagerForSomeoneElse() {
		long before = this.mongo.getCollection("projects").countDocuments();

		HttpResponse<String> stakeholder = send("POST", "/api/projects", project("st", null, List.of()),
				token(this.olga, "STAKEHOLDER"));
		assertThat(stakeholder.statusCode()).isEqualTo(403);
		assertThat(stakeholder.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		HttpResponse<String> forAnother = send("POST", "/api/projects", project("fa", this.bea, List.of()),
				token(this.pat, "PROJECT_MANAGER"));
		assertThat(forAnother.statusCode()).isEqualTo(403);
		assertThat(JsonPath.<List<String>>read(forAnother.body(), "$.errors[*].field"))
			.containsExactly("manager.email");
		assertThat(this.mongo.getCollection("projects").countDocuments()).isEqualTo(before);

		HttpResponse<String> portfolio = send("POST", "/api/projects", project("pf", this.bea, List.of()),
				token("portia@example.com", "PORTFOLIO_MANAGER"));
		assertThat(portfolio.statusCode()).isEqualTo(201);
		assertThat(JsonPath.<String>read(portfolio.body(), "$.manager.email")).isEqualTo(this.bea);
	}

	@Test
	void anIdempotencyKeyBelongsToTheCallerWhoUsedIt() {
		// Two portfolio managers sending the very same body: only the caller differs.
		String body = project("ik", this.bea, List.of());
		String key = "key-" + this.suffix;
		String portia = token("portia@example.com", "PORTFOLIO_MANAGER");
		HttpResponse<String> first = send("POST", "/api/projects", body, portia, null, key);
		assertThat(first.statusCode()).isEqualTo(201);
		HttpResponse<String> retried = send("POST", "/api/projects", body, portia, null, key);
		assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");

		HttpResponse<String> another = send("POST", "/api/projects", body,
				token("paul." + this.suffix + "@example.com", "PORTFOLIO_MANAGER"), null, key);
		assertThat(another.statusCode()).as("another caller's request with the same key").isEqualTo(422);
		assertThat(another.body()).doesNotContain(JsonPath.<String>read(first.body(), "$.id"));
	}

	@Test
	void membersSeeTheirProjectsAndAnOutsiderCannotTellAnotherFromNoneAtAll() {
		String a = create("la", this.pat, List.of(this.olga + ":ENGINEER"));
		String b = create("lb", this.bea, List.of());
		String olga = token(this.olga, "STAKEHOLDER");

		HttpResponse<String> mine = send("GET", "/api/projects?size=100", null, olga);
		assertThat(mine.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<List<String>>read(mine.body(), "$.items[*].id")).containsExactly(a);
		assertThat(JsonPath.<Integer>read(mine.body(), "$.totalItems")).isEqualTo(1);
		assertThat(send("GET", "/api/projects/" + a, null, olga).statusCode()).isEqualTo(200);

		HttpResponse<String> other = send("GET", "/api/projects/" + b, null, olga);
		UUID unknown = UUID.randomUUID();
		HttpResponse<String> none = send("GET", "/api/projects/" + unknown, null, olga);
		assertThat(other.statusCode()).isEqualTo(404);
		assertThat(other.body().replace(b, "ID")).isEqualTo(none.body().replace(unknown.toString(), "ID"));

		for (String reader : List.of(token("erin@example.com", "EXECUTIVE"),
				token("portia@example.com", "PORTFOLIO_MANAGER"))) {
			assertThat(send("GET", "/api/projects/" + b, null, reader).statusCode()).isEqualTo(200);
			HttpResponse<String> all = send("GET", "/api/projects?size=100", null, reader);
			assertThat(JsonPath.<Integer>read(all.body(), "$.totalItems")).isGreaterThanOrEqualTo(2);
		}
		HttpResponse<String> badPage = send("GET", "/api/projects?size=0", null, olga);
		assertThat(badPage.statusCode()).isEqualTo(400);
		assertThat(badPage.body()).contains("size");
	}

	@Test
	void onlyThoseWhoSeeTheMoneySeeTheBudgetOfTheProject() {
		String id = create("vd", this.pat,
				List.of(this.vic + ":VENDOR", this.olga + ":ENGINEER", this.sid + ":FINANCE"));

		HttpResponse<String> vendor = send("GET", "/api/projects/" + id, null, token(this.vic, "STAKEHOLDER"));
		assertThat(vendor.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<Object>read(vendor.body(), "$.budget")).isNull();
		HttpResponse<String> engineer = send("GET", "/api/projects/" + id, null, token(this.olga, "STAKEHOLDER"));
		assertThat(engineer.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<Object>read(engineer.body(), "$.budget")).isNull();
		HttpResponse<String> finance = send("GET", "/api/projects/" + id, null, token(this.sid, "STAKEHOLDER"));
		assertThat(JsonPath.<Number>read(finance.body(), "$.budget.amount").intValue()).isEqualTo(1250000);
	}

	@Test
	void onlyTheManagerChangesPlansAndTheStakeholderListAndEveryChangeIsPublishedWithItsAuthor() {
		String id = create("sh", this.pat, List.of(this.olga + ":ENGINEER"));
		String manager = token(this.pat, "PROJECT_MANAGER");
		String olga = token(this.olga, "STAKEHOLDER");
		String sid = token(this.sid, "STAKEHOLDER");
		String newcomer = "{\"name\":\"Sid Newcomer\",\"email\":\"" + this.sid
				+ "\",\"role\":\"TECHNICAL_LEAD\",\"organisation\":\"Network team\"}";

		assertThat(send("PATCH", "/api/projects/" + id, "{\"name\":\"Renamed\"}", olga, "\"0\"").statusCode())
			.as("a member who is not the manager")
			.isEqualTo(403);
		assertThat(send("POST", "/api/projects/" + id + "/stakeholders", newcomer, olga).statusCode()).isEqualTo(403);
		assertThat(send("GET", "/api/projects/" + id, null, sid).statusCode()).isEqualTo(404);

		HttpResponse<String> added = send("POST", "/api/projects/" + id + "/stakeholders", newcomer, manager);
		assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
		String stakeholderId = JsonPath.read(added.body(), "$.id");
		assertThat(added.headers().firstValue("Location"))
			.hasValue("/api/projects/" + id + "/stakeholders/" + stakeholderId);
		assertThat(added.headers().firstValue("ETag")).hasValue("\"1\"");
		assertThat(send("POST", "/api/projects/" + id + "/stakeholders",
				newcomer.replace(this.sid, this.sid.toUpperCase(Locale.ROOT)), manager)
			.statusCode()).as("the same address again").isEqualTo(409);
		assertThat(send("GET", "/api/projects/" + id, null, sid).statusCode()).as("a member now").isEqualTo(200);
		assertThat(JsonPath.<List<String>>read(send("GET", "/api/projects", null, sid).body(), "$.items[*].id"))
			.containsExactly(id);
		HttpResponse<String> list = send("GET", "/api/projects/" + id + "/stakeholders", null, sid);
		assertThat(JsonPath.<List<String>>read(list.body(), "$.items[*].email")).containsExactlyInAnyOrder(this.olga,
				this.sid);

		HttpResponse<String> changed = send("PATCH", "/api/projects/" + id + "/stakeholders/" + stakeholderId,
				"{\"role\":\"VENDOR\"}", manager);
		assertThat(changed.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<String>read(changed.body(), "$.role")).isEqualTo("VENDOR");
		assertThat(
				send("PATCH", "/api/projects/" + id + "/stakeholders/" + stakeholderId, "{\"role\":\"BOSS\"}", manager)
					.statusCode())
			.isEqualTo(400);
		assertThat(send("PATCH", "/api/projects/" + id + "/stakeholders/" + stakeholderId, "{\"name\":\" \"}", manager)
			.body()).contains("name");
		HttpResponse<String> muted = send("PATCH", "/api/projects/" + id + "/stakeholders/" + stakeholderId,
				"{\"organisation\":\"Fibre Co\",\"receivesReports\":false}", manager);
		assertThat(muted.statusCode()).as(muted.body()).isEqualTo(200);
		assertThat(JsonPath.<String>read(muted.body(), "$.organisation")).isEqualTo("Fibre Co");
		assertThat(JsonPath.<Boolean>read(muted.body(), "$.receivesReports")).isFalse();
		assertThat(JsonPath.<String>read(muted.body(), "$.role")).as("kept").isEqualTo("VENDOR");

		HttpResponse<String> removed = send("DELETE", "/api/projects/" + id + "/stakeholders/" + stakeholderId, null,
				manager);
		assertThat(removed.statusCode()).isEqualTo(204);
		assertThat(send("GET", "/api/projects/" + id, null, sid).statusCode()).as("not a member any more")
			.isEqualTo(404);
		assertThat(send("DELETE", "/api/projects/" + id + "/stakeholders/" + stakeholderId, null, manager).statusCode())
			.isEqualTo(404);

		ConsumerRecord<String, byte[]> addition = eventOf(id, "io.infrapm.project.StakeholderAdded.v1");
		assertThat(KafkaTestClient.header(addition, "ce_specversion")).isEqualTo("1.0");
		assertThat(KafkaTestClient.header(addition, "ce_source")).isEqualTo("/infrapm/project-service");
		assertThat(KafkaTestClient.header(addition, "ce_subject")).isEqualTo(id);
		assertThat(UUID.fromString(KafkaTestClient.header(addition, "ce_id"))).isNotNull();
		assertThat(KafkaTestClient.header(addition, "ce_time")).isNotBlank();
		assertThat(KafkaTestClient.header(addition, "ce_sequence")).isEqualTo("0000000000000000002");
		assertThat(KafkaTestClient.header(addition, "content-type")).isEqualTo("application/json");
		String addedEvent = KafkaTestClient.value(addition);
		assertThat(JsonPath.<String>read(addedEvent, "$.email")).isEqualTo(this.sid);
		assertThat(JsonPath.<String>read(addedEvent, "$.role")).isEqualTo("TECHNICAL_LEAD");
		assertThat(JsonPath.<String>read(addedEvent, "$.organisation")).isEqualTo("Network team");
		assertThat(JsonPath.<Boolean>read(addedEvent, "$.receivesReports")).isTrue();
		assertThat(JsonPath.<String>read(addedEvent, "$.actor.email")).isEqualTo(this.pat);
		ConsumerRecord<String, byte[]> roleChange = eventOf(id, "io.infrapm.project.StakeholderRoleChanged.v1");
		assertThat(KafkaTestClient.header(roleChange, "ce_sequence")).isEqualTo("0000000000000000003");
		String roleEvent = KafkaTestClient.value(roleChange);
		assertThat(JsonPath.<String>read(roleEvent, "$.previousRole")).isEqualTo("TECHNICAL_LEAD");
		assertThat(JsonPath.<String>read(roleEvent, "$.role")).isEqualTo("VENDOR");
		ConsumerRecord<String, byte[]> update = eventOf(id, "io.infrapm.project.StakeholderUpdated.v1");
		assertThat(KafkaTestClient.header(update, "ce_sequence")).isEqualTo("0000000000000000004");
		assertThat(KafkaTestClient.header(update, "ce_subject")).isEqualTo(id);
		String updateEvent = KafkaTestClient.value(update);
		assertThat(JsonPath.<String>read(updateEvent, "$.organisation")).isEqualTo("Fibre Co");
		assertThat(JsonPath.<Boolean>read(updateEvent, "$.receivesReports")).isFalse();
		assertThat(JsonPath.<String>read(updateEvent, "$.actor.email")).isEqualTo(this.pat);
		ConsumerRecord<String, byte[]> removal = eventOf(id, "io.infrapm.project.StakeholderRemoved.v1");
		assertThat(JsonPath.<String>read(KafkaTestClient.value(removal), "$.stakeholderId")).isEqualTo(stakeholderId);
		assertThat(KafkaTestClient.header(removal, "ce_sequence")).isEqualTo("0000000000000000005");

		HttpResponse<String> read = send("GET", "/api/projects/" + id, null, manager);
		assertThat(JsonPath.<String>read(read.body(), "$.updatedBy.email")).isEqualTo(this.pat);
	}

	@Test
	void refusesEveryEndpointToAnonymousForgedExpiredAndOtherProjectsTokensAndChangesNothing() {
		create("wa", this.pat, List.of(this.olga + ":ENGINEER"));
		String b = createAsPortfolioManager(
				project("wb", this.bea, List.of("ben." + this.suffix + "@example.com:TECHNICAL_LEAD"))
					.replace("\"category\"", "\"methodology\":\"HYBRID\",\"category\""));
		String stakeholderOfB = JsonPath.read(send("GET", "/api/projects/" + b, null, token(this.bea)).body(),
				"$.stakeholders[0].id");

		HttpResponse<String> milestone = send("POST", "/api/projects/" + b + "/milestones",
				"{\"name\":\"Design\",\"dueDate\":\"2027-02-15\"}", token(this.bea, "PROJECT_MANAGER"));
		assertThat(milestone.statusCode()).as(milestone.body()).isEqualTo(201);
		String milestonePath = "/api/projects/{projectId}/milestones/{milestoneId}";
		HttpResponse<String> gate = send("POST", "/api/projects/" + b + "/phase-transitions",
				"{\"toPhase\":\"PLANNING\",\"decision\":\"DEFERRED\"}",
				token("portia@example.com", "PORTFOLIO_MANAGER"));
		assertThat(gate.statusCode()).as(gate.body()).isEqualTo(201);
		HttpResponse<String> lesson = send("POST", "/api/projects/" + b + "/lessons-learned",
				"{\"title\":\"Early windows\",\"description\":\"Book them early\"}",
				token(this.bea, "PROJECT_MANAGER"));
		assertThat(lesson.statusCode()).as(lesson.body()).isEqualTo(201);
		HttpResponse<String> change = send("POST", "/api/projects/" + b + "/change-requests",
				"{\"title\":\"Second site\",\"category\":\"SCOPE\",\"justification\":\"Growth\"}",
				token(this.bea, "PROJECT_MANAGER"));
		assertThat(change.statusCode()).as(change.body()).isEqualTo(201);
		HttpResponse<String> vendor = send("POST", "/api/projects/" + b + "/vendors",
				"{\"name\":\"Fibre Co\",\"contact\":{\"name\":\"Fay\",\"email\":\"fay@fibre.example\"}}",
				token(this.bea, "PROJECT_MANAGER"));
		assertThat(vendor.statusCode()).as(vendor.body()).isEqualTo(201);
		String vendorId = JsonPath.read(vendor.body(), "$.id");
		HttpResponse<String> deliverable = send("POST", "/api/projects/" + b + "/vendors/" + vendorId + "/deliverables",
				"{\"name\":\"Splicing\",\"dueDate\":\"2027-02-15\"}", token(this.bea, "PROJECT_MANAGER"));
		assertThat(deliverable.statusCode()).as(deliverable.body()).isEqualTo(201);
		String deliverablePath = "/api/projects/{projectId}/vendors/{vendorId}/deliverables/{deliverableId}";
		String allocated = "ada." + this.suffix + "@example.com";
		String resourcePlan = "{\"allocations\":[{\"role\":\"DBA\",\"person\":{\"name\":\"Ada\",\"email\":\""
				+ allocated + "\"},\"from\":\"2027-03-01\",\"to\":\"2027-03-31\",\"percent\":80}]}";
		HttpResponse<String> services = send("PUT", "/api/projects/" + b + "/services",
				"{\"services\":[{\"name\":\"Email\",\"availabilityTarget\":99.9}]}",
				token(this.bea, "PROJECT_MANAGER"));
		assertThat(services.statusCode()).as(services.body()).isEqualTo(200);
		HttpResponse<String> outage = send("POST", "/api/projects/" + b + "/outages",
				"{\"service\":\"Email\",\"planned\":false,\"impact\":\"FULL\",\"start\":\"2026-11-02T10:00:00Z\"}",
				token(this.bea, "PROJECT_MANAGER"));
		assertThat(outage.statusCode()).as(outage.body()).isEqualTo(201);
		HttpResponse<String> iteration = send("POST", "/api/projects/" + b + "/iterations",
				"{\"name\":\"Sprint 1\",\"start\":\"2026-11-16\",\"end\":\"2026-11-29\"}",
				token(this.bea, "PROJECT_MANAGER"));
		assertThat(iteration.statusCode()).as(iteration.body()).isEqualTo(201);
		String windowOfB = "{\"kind\":\"CHANGE_FREEZE\",\"projectId\":\"" + b + "\",\"name\":\"Freeze\","
				+ "\"start\":\"2035-12-15T00:00\",\"end\":\"2036-01-04T00:00\",\"timeZone\":\"Europe/Berlin\"}";
		HttpResponse<String> window = send("POST", "/api/change-calendar/windows", windowOfB,
				token(this.bea, "PROJECT_MANAGER"));
		assertThat(window.statusCode()).as(window.body()).isEqualTo(201);
		HttpResponse<String> planned = send("PUT", "/api/projects/" + b + "/resource-plan", resourcePlan,
				token(this.bea, "PROJECT_MANAGER"));
		assertThat(planned.statusCode()).as(planned.body()).isEqualTo(200);

		HttpResponse<String> report = send("POST", "/api/projects/" + b + "/status-reports",
				"{\"period\":\"WEEKLY\",\"audience\":\"TEAM\"}", token(this.bea, "PROJECT_MANAGER"));
		assertThat(report.statusCode()).as(report.body()).isEqualTo(201);
		AuthorisationWalk walk = new AuthorisationWalk("http://localhost:" + this.port, issuer).pathValue("id", b)
			.pathValue("projectId", b)
			.pathValue("stakeholderId", stakeholderOfB)
			.pathValue("milestoneId", JsonPath.read(milestone.body(), "$.id"))
			.body("POST /api/projects/{projectId}/milestones", "{\"name\":\"Mine\",\"dueDate\":\"2027-03-01\"}")
			.body("PATCH " + milestonePath, "{\"name\":\"Taken over\"}")
			.body("POST " + milestonePath + "/reschedules", "{\"dueDate\":\"2027-05-01\",\"reason\":\"mine now\"}")
			.body("POST " + milestonePath + "/completion", "{\"completedOn\":\"2026-11-20\"}")
			.body("POST " + milestonePath + "/waiver", "{\"reason\":\"mine now\"}")
			.pathValue("gateId", JsonPath.read(gate.body(), "$.id"))
			.pathValue("lessonId", JsonPath.read(lesson.body(), "$.id"))
			.pathValue("changeRequestId", JsonPath.read(change.body(), "$.id"))
			.pathValue("vendorId", vendorId)
			.pathValue("email", allocated)
			.pathValue("outageId", JsonPath.read(outage.body(), "$.id"))
			.pathValue("windowId", JsonPath.read(window.body(), "$.id"))
			.body("POST /api/change-calendar/windows", windowOfB)
			.body("POST /api/change-calendar/windows/{windowId}/cancellation", "{\"reason\":\"mine now\"}")
			.pathValue("iterationId", JsonPath.read(iteration.body(), "$.id"))
			.body("POST /api/projects/{projectId}/iterations",
					"{\"name\":\"Mine\",\"start\":\"2026-12-01\",\"end\":\"2026-12-14\"}")
			.body("PATCH /api/projects/{projectId}/iterations/{iterationId}", "{\"goal\":\"mine now\"}")
			.body("POST /api/projects/{projectId}/iterations/{iterationId}/completion", "{\"outcome\":\"mine now\"}")
			.body("PUT /api/projects/{projectId}/services",
					"{\"services\":[{\"name\":\"Email\",\"availabilityTarget\":50}]}")
			.body("POST /api/projects/{projectId}/outages",
					"{\"service\":\"Email\",\"planned\":true,\"impact\":\"FULL\",\"start\":\"2026-11-03T10:00:00Z\"}")
			.body("PATCH /api/projects/{projectId}/outages/{outageId}", "{\"cause\":\"mine now\"}")
			.body("PUT /api/projects/{projectId}/resource-plan", resourcePlan.replace("80", "20"))
			.pathValue("deliverableId", JsonPath.read(deliverable.body(), "$.id"))
			.body("POST /api/projects/{projectId}/vendors",
					"{\"name\":\"Mine\",\"contact\":{\"name\":\"Me\",\"email\":\"me@mine.example\"}}")
			.body("PATCH /api/projects/{projectId}/vendors/{vendorId}", "{\"name\":\"Taken over\"}")
			.body("POST /api/projects/{projectId}/vendors/{vendorId}/deliverables",
					"{\"name\":\"Mine\",\"dueDate\":\"2027-03-01\"}")
			.body("PATCH " + deliverablePath, "{\"name\":\"Taken over\"}")
			.body("POST " + deliverablePath + "/review", "{\"deliveredOn\":\"2026-11-20\",\"accepted\":true}")
			.body("POST /api/projects/{projectId}/progress", "{\"asOf\":\"2026-11-30\",\"percentComplete\":99}")
			.body("POST /api/projects/{projectId}/change-requests",
					"{\"title\":\"Mine\",\"category\":\"SCOPE\",\"justification\":\"mine now\"}")
			.body("POST /api/projects/{projectId}/change-requests/{changeRequestId}/decision",
					"{\"decision\":\"APPROVED\",\"reason\":\"mine now\"}")
			.body("POST /api/projects/{projectId}/lessons-learned", "{\"title\":\"Mine\",\"description\":\"mine\"}")
			.body("PUT /api/projects/{projectId}/handover",
					"{\"receivingTeam\":\"Ops\",\"supportModel\":\"24x7\",\"goLiveDate\":\"2027-03-01\","
							+ "\"runbookUrl\":\"https://example.com/runbook\"}")
			.body("POST /api/projects/{projectId}/handover/acceptance", "{\"notes\":\"mine now\"}")
			.body("POST /api/projects/{projectId}/phase-transitions",
					"{\"toPhase\":\"PLANNING\",\"decision\":\"APPROVED\"}")
			.body("POST /api/projects/{projectId}/status-changes", "{\"status\":\"CANCELLED\",\"reason\":\"mine now\"}")
			.body("POST /api/projects", project("wc", null, List.of()))
			.body("PATCH /api/projects/{id}", "{\"name\":\"Taken over\"}")
			.body("POST /api/projects/{projectId}/stakeholders",
					"{\"name\":\"Olga\",\"email\":\"" + this.olga + "\",\"role\":\"SPONSOR\"}")
			.body("PATCH /api/projects/{projectId}/stakeholders/{stakeholderId}", "{\"role\":\"VENDOR\"}")
			.pathValue("reportId", JsonPath.read(report.body(), "$.id"))
			.body("POST /api/projects/{projectId}/status-reports", "{\"period\":\"WEEKLY\",\"audience\":\"TEAM\"}")
			.body("PATCH /api/projects/{projectId}/status-reports/{reportId}", "{\"summary\":\"mine now\"}")
			.body("PUT /api/projects/{projectId}/status-report-schedule",
					"{\"period\":\"DAILY\",\"audience\":\"TEAM\",\"time\":\"08:00\",\"timeZone\":\"UTC\"}")
			.body("POST /api/projects/{projectId}/status-reports/{reportId}/redraft", "{}")
			.body("POST /api/projects/{projectId}/status-reports/{reportId}/publication", "{}")
			.pathValue("dimension", "COST")
			.body("PUT /api/projects/{projectId}/health/overrides/{dimension}",
					"{\"colour\":\"GREEN\",\"reason\":\"mine now\",\"expiresOn\":\"2035-01-01\"}")
			.outsider(token(this.olga, "STAKEHOLDER"))
			.outsiderGets("POST /api/projects", 403)
			.outsiderGets("GET /api/projects", 200)
			.outsiderGets("GET /api/portfolio/summary", 200)
			.outsiderGets("GET /api/portfolio/projects", 200)
			.outsiderGets("GET /api/resources/{email}/allocation", 404)
			.outsiderGets("GET /api/change-calendar/windows", 200)
			.outsiderGets("POST /api/change-calendar/windows", 404)
			.outsiderGets("GET /api/change-calendar/windows/{windowId}", 404)
			.outsiderGets("POST /api/change-calendar/windows/{windowId}/cancellation", 404)
			.unchanged(AuthorisationWalk.contentsOf(this.mongo.getDb(), "projects"));
		walk.walk(AuthorisationWalk.endpointsOf(this.context));

		assertThat(send("GET", "/api/projects?size=100", null, token(this.olga, "STAKEHOLDER")).body())
			.doesNotContain(b);
		assertThat(send("GET", "/api/portfolio/projects?size=100", null, token(this.olga, "STAKEHOLDER")).body())
			.doesNotContain(b);
	}

	private String create(String prefix, String manager, List<String> stakeholders) {
		return createAsPortfolioManager(project(prefix, manager, stakeholders));
	}

	/** {@code stakeholders} as {@code email:ROLE}. */
	private String project(String prefix, String manager, List<String> stakeholders) {
		String managerJson = (manager != null) ? ",\"manager\":{\"name\":\"Manager\",\"email\":\"" + manager + "\"}"
				: "";
		String members = String.join(",", stakeholders.stream().map((s) -> {
			String[] parts = s.split(":");
			return "{\"name\":\"Member\",\"email\":\"" + parts[0] + "\",\"role\":\"" + parts[1] + "\"}";
		}).toList());
		return """
				{"code":"%s-%s","name":"Access test","category":"HARDWARE_REFRESH",
				 "plannedStart":"2027-01-04","plannedFinish":"2027-09-30",
				 "budget":{"amount":1250000,"currency":"EUR"},"stakeholders":[%s]%s}
				""".formatted(prefix, UUID.randomUUID().toString().substring(0, 8), members, managerJson);
	}

}
