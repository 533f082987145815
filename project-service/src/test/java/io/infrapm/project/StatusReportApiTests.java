package io.infrapm.project;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.contracts.Topics;
import io.infrapm.embedded.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Status reports through REST and Kafka: drafted from the facts (milestones reached and
 * missed, change requests waiting, budget and health from budget events), completed by
 * the manager, published once as an immutable snapshot that {@code StatusReportPublished}
 * carries, read as JSON, HTML and PDF, and corrected by a new edition.
 */
class StatusReportApiTests extends ProjectServiceApiTest {

	private final String pat = address("pat");

	private final String sam = address("sam");

	private final String olga = address("olga");

	@Test
	void aManagerDraftsAReportFromTheFactsCompletesItAndPublishesItOnce() {
		String project = create();
		String manager = token(this.pat, "PROJECT_MANAGER");
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		String reached = milestone(project, "Racks installed", today.minusDays(10).toString(), false, manager);
		assertThat(send("POST", "/api/projects/" + project + "/milestones/" + reached + "/completion",
				"{\"completedOn\":\"" + today.minusDays(2) + "\"}", manager)
			.statusCode()).isEqualTo(200);
		milestone(project, "Core switch cutover", today.minusDays(3).toString(), true, manager);
		milestone(project, "Decommission old hall", today.plusDays(5).toString(), false, manager);
		assertThat(send("POST", "/api/projects/" + project + "/change-requests",
				"{\"title\":\"Second fibre path\",\"category\":\"SCOPE\",\"justification\":\"Resilience\","
						+ "\"costImpact\":{\"amount\":40000,\"currency\":\"EUR\"}}",
				manager)
			.statusCode()).isEqualTo(201);
		crossNinetyPercent(project);
		await().atMost(Duration.ofSeconds(20))
			.untilAsserted(() -> assertThat(JsonPath
				.<String>read(send("GET", "/api/projects/" + project + "/health", null, manager).body(), "$.overall"))
				.isEqualTo("RED"));

		String reports = "/api/projects/" + project + "/status-reports";
		String body = "{\"period\":\"WEEKLY\",\"audience\":\"STEERING_COMMITTEE\"}";
		HttpResponse<String> drafted = send("POST", reports, body, manager, null, "sr-" + this.suffix);
		assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(201);
		String id = JsonPath.read(drafted.body(), "$.id");
		assertThat(drafted.headers().firstValue("Location")).hasValue(reports + "/" + id);
		assertThat(send("POST", reports, body, manager, null, "sr-" + this.suffix).headers()
			.firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(JsonPath.<String>read(drafted.body(), "$.number")).isEqualTo("SR-1");
		assertThat(JsonPath.<String>read(drafted.body(), "$.status")).isEqualTo("DRAFT");
		assertThat(JsonPath.<String>read(drafted.body(), "$.periodStart")).isEqualTo(today.minusDays(6).toString());
		assertThat(JsonPath.<List<String>>read(drafted.body(), "$.milestonesCompleted[*].name"))
			.containsExactly("Racks installed");
		assertThat(JsonPath.<List<String>>read(drafted.body(), "$.milestonesMissed[*].name"))
			.containsExactly("Core switch cutover");
		assertThat(JsonPath.<List<String>>read(drafted.body(), "$.milestonesDue[*].name"))
			.containsExactly("Decommission old hall");
		assertThat(JsonPath.<List<String>>read(drafted.body(), "$.changeRequests[*].number")).containsExactly("CR-1");
		assertThat(JsonPath.<Integer>read(drafted.body(), "$.budget.actualTotal")).isEqualTo(460000);
		assertThat(JsonPath.<String>read(drafted.body(), "$.health.cost")).isEqualTo("RED");
		assertThat(JsonPath.<List<String>>read(drafted.body(), "$.health.reasons[?(@.colour=='RED')].rule"))
			.contains("cost.consumed");

		String etag = drafted.headers().firstValue("ETag").orElseThrow();
		String item = reports + "/" + id;
		assertProblem(send("POST", item + "/publication", null, manager, etag), 422, "summary");
		String narrative = """
				{"summary":"Cost is red: 92 % spent with the cutover still ahead.",
				 "accomplishments":["Racks installed in hall B"],
				 "decisionsRequested":["Approve CR-1, the second fibre path"]}""";
		assertProblem(send("PATCH", item, narrative, manager), 428, null);
		assertProblem(send("PATCH", item, "{\"nextSteps\":[\" \"]}", manager, etag), 400, "nextSteps[0]");
		assertThat(send("PATCH", item, narrative, token(this.olga, "STAKEHOLDER"), etag).statusCode()).isEqualTo(403);
		assertThat(send("GET", item, null, token(this.olga, "STAKEHOLDER")).statusCode()).as("a draft is the manager's")
			.isEqualTo(404);
		HttpResponse<String> revised = send("PATCH", item, narrative, manager, etag);
		assertThat(revised.statusCode()).as(revised.body()).isEqualTo(200);
		assertProblem(send("PATCH", item, narrative, manager, etag), 412, null);
		String revisedTag = revised.headers().firstValue("ETag").orElseThrow();

		HttpResponse<String> published = send("POST", item + "/publication", null, manager, revisedTag);
		assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
		assertThat(JsonPath.<String>read(published.body(), "$.status")).isEqualTo("PUBLISHED");
		assertThat(JsonPath.<String>read(published.body(), "$.publishedBy.email")).isEqualTo(this.pat);
		String publishedTag = published.headers().firstValue("ETag").orElseThrow();
		assertProblem(send("POST", item + "/publication", null, manager, publishedTag), 409, "status");
		assertProblem(send("PATCH", item, narrative, manager, publishedTag), 409, "status");

		List<ConsumerRecord<String, byte[]>> events = kafka()
			.read(Topics.PROJECT, (record) -> project.equals(record.key())
					&& "io.infrapm.project.StatusReportPublished.v1".equals(KafkaTestClient.header(record, "ce_type")),
					(records) -> false, Duration.ofSeconds(4));
		assertThat(events).as("published once").hasSize(1);
		String event = KafkaTestClient.value(events.get(0));
		assertThat(KafkaTestClient.header(events.get(0), "ce_subject")).isEqualTo(id);
		assertThat(JsonPath.<String>read(event, "$.summary")).startsWith("Cost is red");
		assertThat(JsonPath.<String>read(event, "$.audience")).isEqualTo("STEERING_COMMITTEE");
		assertThat(JsonPath.<List<String>>read(event, "$.milestonesMissed[*].name"))
			.containsExactly("Core switch cutover");
		assertThat(JsonPath.<Integer>read(event, "$.budget.budgetAtCompletion")).isEqualTo(500000);
		assertThat(JsonPath.<String>read(event, "$.actor.email")).isEqualTo(this.pat);

		HttpResponse<String> engineer = send("GET", item, null, token(this.olga, "STAKEHOLDER"));
		assertThat(engineer.statusCode()).isEqualTo(200);
		assertThat(JsonPath.<Object>read(engineer.body(), "$.budget")).as("no budget for an engineer").isNull();
		assertThat(JsonPath.<List<String>>read(engineer.body(), "$.health.reasons[?(@.rule=='cost.consumed')].fact"))
			.containsExactly("Budget figures are shown only to those who may see the project's budget");
		assertThat(JsonPath.<List<String>>read(send("GET", reports, null, token(this.olga, "STAKEHOLDER")).body(),
				"$.items[*].status"))
			.containsExactly("PUBLISHED");
	}

	@Test
	void aPublishedReportReadsAsHtmlAndPdfAndIsCorrectedByANewEdition() {
		String project = create();
		String manager = token(this.pat, "PROJECT_MANAGER");
		String reports = "/api/projects/" + project + "/status-reports";
		HttpResponse<String> drafted = send("POST", reports, "{\"period\":\"MONTHLY\",\"audience\":\"EXECUTIVE\"}",
				manager);
		assertThat(drafted.statusCode()).as(drafted.body()).isEqualTo(201);
		String id = JsonPath.read(drafted.body(), "$.id");
		String item = reports + "/" + id;
		HttpResponse<String> revised = send("PATCH", item, "{\"summary\":\"On track <for now> & green\"}", manager,
				drafted.headers().firstValue("ETag").orElseThrow());
		HttpResponse<String> published = send("POST", item + "/publication", null, manager,
				revised.headers().firstValue("ETag").orElseThrow());
		assertThat(published.statusCode()).as(published.body()).isEqualTo(200);

		HttpResponse<byte[]> html = accepting(item, manager, "text/html");
		assertThat(html.statusCode()).isEqualTo(200);
		assertThat(html.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
		assertThat(new String(html.body(), StandardCharsets.UTF_8)).contains("status report SR-1")
			.contains("On track &lt;for now&gt; &amp; green")
			.contains("class=\"GREEN\"")
			.doesNotContain("<for now>");
		HttpResponse<byte[]> pdf = accepting(item, manager, "application/pdf");
		assertThat(pdf.statusCode()).isEqualTo(200);
		assertThat(new String(pdf.body(), 0, 5, StandardCharsets.ISO_8859_1)).isEqualTo("%PDF-");
		assertThat(pdf.body().length).isGreaterThan(1000);

		assertProblem(send("POST", reports, "{\"supersedes\":\"" + id + "\",\"period\":\"WEEKLY\"}", manager), 422,
				"period");
		HttpResponse<String> correction = send("POST", reports, "{\"supersedes\":\"" + id + "\"}", manager);
		assertThat(correction.statusCode()).as(correction.body()).isEqualTo(201);
		assertThat(JsonPath.<String>read(correction.body(), "$.number")).isEqualTo("SR-1");
		assertThat(JsonPath.<Integer>read(correction.body(), "$.edition")).isEqualTo(2);
		assertThat(JsonPath.<String>read(correction.body(), "$.supersedes")).isEqualTo(id);
		assertThat(JsonPath.<String>read(correction.body(), "$.summary")).isEqualTo("On track <for now> & green");
		assertThat(JsonPath.<String>read(correction.body(), "$.period")).isEqualTo("MONTHLY");
		String second = JsonPath
			.read(send("POST", reports, "{\"period\":\"DAILY\",\"audience\":\"TEAM\"}", manager).body(), "$.number");
		assertThat(second).isEqualTo("SR-2");
	}

	@Test
	void badDraftsAreProblemsNamingTheFieldAndChangeNothing() {
		String project = create();
		String manager = token(this.pat, "PROJECT_MANAGER");
		String reports = "/api/projects/" + project + "/status-reports";
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		assertProblem(send("POST", reports, "{\"audience\":\"TEAM\"}", manager), 422, "period");
		assertProblem(send("POST", reports, "{\"period\":\"WEEKLY\"}", manager), 422, "audience");
		assertProblem(send("POST", reports, "{\"period\":\"YEARLY\",\"audience\":\"TEAM\"}", manager), 400, "period");
		assertProblem(send("POST", reports,
				"{\"period\":\"WEEKLY\",\"audience\":\"TEAM\",\"asOf\":\"" + today.plusDays(1) + "\"}", manager), 422,
				"asOf");
		assertProblem(
				send("POST", reports, "{\"period\":\"WEEKLY\",\"audience\":\"TEAM\",\"asOf\":\"2020-01-01\"}", manager),
				422, "asOf");
		assertProblem(send("POST", reports, "{\"supersedes\":\"" + UUID.randomUUID() + "\"}", manager), 404, null);
		assertThat(
				send("POST", reports, "{\"period\":\"WEEKLY\",\"audience\":\"TEAM\"}", token(this.sam, "STAKEHOLDER"))
					.statusCode())
			.isEqualTo(403);
		assertThat(JsonPath.<Integer>read(send("GET", reports, null, manager).body(), "$.totalItems")).isZero();
	}

	private HttpResponse<byte[]> accepting(String path, String token, String accept) {
		try {
			return java.net.http.HttpClient.newHttpClient()
				.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + this.port + path))
					.header("Authorization", "Bearer " + token)
					.header("Accept", accept)
					.build(), HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private String milestone(String project, String name, String due, boolean critical, String manager) {
		HttpResponse<String> planned = send("POST", "/api/projects/" + project + "/milestones",
				"{\"name\":\"" + name + "\",\"dueDate\":\"" + due + "\",\"critical\":" + critical + "}", manager);
		assertThat(planned.statusCode()).as(planned.body()).isEqualTo(201);
		return JsonPath.read(planned.body(), "$.id");
	}

	private String create() {
		return createAsPortfolioManager("""
				{"code":"SR-%s","name":"Report test","category":"DATA_CENTRE_MIGRATION",
				 "plannedStart":"2026-01-04","plannedFinish":"2027-06-30",
				 "manager":{"name":"Pat Manager","email":"%s"},
				 "budget":{"amount":500000,"currency":"EUR"},
				 "stakeholders":[{"name":"Sam Steer","email":"%s","role":"STEERING_COMMITTEE"},
				                 {"name":"Olga Engineer","email":"%s","role":"ENGINEER"}]}
				""".formatted(UUID.randomUUID().toString().substring(0, 8), this.pat, this.sam, this.olga));
	}

}
