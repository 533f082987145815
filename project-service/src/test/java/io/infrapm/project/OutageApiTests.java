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
 * Services, outages and service levels over REST: the manager sets the services and
 * records outages, members read them and the report; bad input is a problem naming the
 * field and changes nothing; each change is published with its author.
 */
class OutageApiTests extends ProjectServiceApiTest {

	private final String pat = address("pat");

	private final String olga = address("olga");

	@Test
	void aManagerRecordsOutagesAndTheReportShowsAvailabilityAgainstTarget() {
		String project = create();
		String manager = token(this.pat, "PROJECT_MANAGER");

		HttpResponse<String> services = send("PUT", path(project, "services"),
				"{\"services\":[{\"name\":\"Email\",\"availabilityTarget\":99.9},"
						+ "{\"name\":\"Core network\",\"availabilityTarget\":99.99}]}",
				manager);
		assertThat(services.statusCode()).as(services.body()).isEqualTo(200);
		assertThat(services.headers().firstValue("ETag")).hasValue("\"1\"");
		String body = """
				{"service":"email","planned":false,"impact":"FULL","start":"2026-11-02T10:00:00Z",
				 "end":"2026-11-02T11:30:00Z","cause":"Storage controller failed over"}""";
		HttpResponse<String> recorded = send("POST", path(project, "outages"), body, manager, null, "o-" + this.suffix);
		assertThat(recorded.statusCode()).as(recorded.body()).isEqualTo(201);
		String outageId = JsonPath.read(recorded.body(), "$.id");
		assertThat(JsonPath.<String>read(recorded.body(), "$.service")).isEqualTo("Email");
		assertThat(JsonPath.<String>read(recorded.body(), "$.recordedBy.email")).isEqualTo(this.pat);
		assertThat(send("POST", path(project, "outages"), body, manager, null, "o-" + this.suffix).headers()
			.firstValue("Idempotent-Replayed")).hasValue("true");
		HttpResponse<String> ongoing = send("POST", path(project, "outages"),
				"{\"service\":\"Core network\",\"planned\":true,\"impact\":\"FULL\",\"start\":\"2026-11-07T01:00:00Z\"}",
				manager);
		assertThat(JsonPath.<Boolean>read(ongoing.body(), "$.ongoing")).isTrue();
		HttpResponse<String> ended = send("PATCH", path(project, "outages/" + JsonPath.read(ongoing.body(), "$.id")),
				"{\"end\":\"2026-11-07T03:00:00Z\"}", manager, "\"1\"");
		assertThat(ended.statusCode()).as(ended.body()).isEqualTo(200);
		assertThat(ended.headers().firstValue("ETag")).hasValue("\"2\"");

		HttpResponse<String> report = send("GET", path(project, "service-levels?from=2026-11-01&to=2026-11-30"), null,
				token(this.olga, "STAKEHOLDER"));
		assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
		assertThat(JsonPath.<List<String>>read(report.body(), "$.items[*].service")).containsExactly("Email",
				"Core network");
		assertThat(JsonPath.<Integer>read(report.body(), "$.items[0].downtimeMinutes")).isEqualTo(90);
		assertThat(JsonPath.<Number>read(report.body(), "$.items[0].availability").doubleValue()).isEqualTo(99.791);
		assertThat(JsonPath.<Boolean>read(report.body(), "$.items[0].met")).isFalse();
		assertThat(JsonPath.<String>read(report.body(), "$.items[0].breaches[0].kind")).isEqualTo("AVAILABILITY");
		assertThat(JsonPath.<Integer>read(report.body(), "$.items[1].plannedDowntimeMinutes")).isEqualTo(120);
		assertThat(JsonPath.<Boolean>read(report.body(), "$.items[1].met")).isTrue();
		HttpResponse<String> incidents = send("GET", path(project, "outages?planned=false"), null, manager);
		assertThat(JsonPath.<List<String>>read(incidents.body(), "$.items[*].id")).containsExactly(outageId);

		ConsumerRecord<String, byte[]> event = eventOf(project, "io.infrapm.project.OutageRecorded.v1");
		assertThat(KafkaTestClient.header(event, "ce_source")).isEqualTo("/infrapm/project-service");
		assertThat(KafkaTestClient.header(event, "ce_subject")).isEqualTo(project);
		assertThat(JsonPath.<String>read(KafkaTestClient.value(event), "$.cause"))
			.isEqualTo("Storage controller failed over");
		assertThat(JsonPath.<String>read(KafkaTestClient.value(event), "$.actor.email")).isEqualTo(this.pat);
		assertThat(JsonPath.<String>read(KafkaTestClient.value(eventOf(project, "io.infrapm.project.OutageUpdated.v1")),
				"$.end"))
			.isEqualTo("2026-11-07T03:00:00Z");
		assertThat(JsonPath.<Integer>read(
				KafkaTestClient.value(eventOf(project, "io.infrapm.project.ServicesChanged.v1")), "$.revision"))
			.isEqualTo(1);
	}

	@Test
	void badInputIsAProblemNamingTheFieldAndChangesNothing() {
		String project = create();
		String manager = token(this.pat, "PROJECT_MANAGER");
		assertThat(send("PUT", path(project, "services"),
				"{\"services\":[{\"name\":\"Email\",\"availabilityTarget\":99.9}]}", manager)
			.statusCode()).isEqualTo(200);

		assertProblem(send("PUT", path(project, "services"), "{\"services\":[]}", manager), 428, null);
		assertProblem(
				send("PUT", path(project, "services"),
						"{\"services\":[{\"name\":\"Email\",\"availabilityTarget\":100.1}]}", manager, "\"1\""),
				400, "services[0].availabilityTarget");
		assertProblem(send("PUT", path(project, "services"),
				"{\"services\":[{\"name\":\"Email\",\"availabilityTarget\":99},{\"name\":\"EMAIL\",\"availabilityTarget\":99}]}",
				manager, "\"1\""), 422, "services[1].name");
		assertProblem(send("POST", path(project, "outages"),
				"{\"service\":\"Web\",\"planned\":false,\"impact\":\"FULL\",\"start\":\"2026-11-02T10:00:00Z\"}",
				manager), 422, "service");
		assertProblem(send("POST", path(project, "outages"),
				"{\"service\":\"Email\",\"planned\":false,\"impact\":\"FULL\",\"start\":\"2026-11-02T10:00:00Z\","
						+ "\"end\":\"2026-11-02T09:00:00Z\"}",
				manager), 422, "end");
		assertProblem(send("POST", path(project, "outages"),
				"{\"service\":\"Email\",\"planned\":false,\"impact\":\"TOTAL\",\"start\":\"2026-11-02T10:00:00Z\"}",
				manager), 400, "impact");
		assertProblem(send("POST", path(project, "outages"),
				"{\"service\":\"Email\",\"planned\":false,\"impact\":\"FULL\",\"start\":\"2026-11-02T10:00:00Z\","
						+ "\"milestoneId\":\"" + UUID.randomUUID() + "\"}",
				manager), 404, null);
		assertProblem(send("GET", path(project, "service-levels?from=2026-11-30&to=2026-11-01"), null, manager), 422,
				"to");
		assertProblem(send("POST", path(project, "outages"),
				"{\"service\":\"Email\",\"planned\":false,\"impact\":\"FULL\",\"start\":\"2026-11-02T10:00:00Z\"}",
				token(this.olga, "STAKEHOLDER")), 403, null);

		assertThat(JsonPath.<Integer>read(send("GET", path(project, "outages"), null, manager).body(), "$.totalItems"))
			.isZero();
		assertThat(send("GET", path(project, "services"), null, manager).headers().firstValue("ETag"))
			.hasValue("\"1\"");
	}

	private String create() {
		String body = """
				{"code":"OU-%s","name":"Outage test","category":"SERVER_UPGRADE",
				 "plannedStart":"2026-10-05","plannedFinish":"2027-06-30",
				 "manager":{"name":"Pat Manager","email":"%s"},
				 "budget":{"amount":300000,"currency":"EUR"},
				 "stakeholders":[{"name":"Olga Engineer","email":"%s","role":"ENGINEER"}]}
				""".formatted(UUID.randomUUID().toString().substring(0, 8), this.pat, this.olga);
		return createAsPortfolioManager(body);
	}

	private static String path(String project, String rest) {
		return "/api/projects/" + project + "/" + rest;
	}

}
