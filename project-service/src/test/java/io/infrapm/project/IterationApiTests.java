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
 * Iterations over REST: planned, changed and completed by the manager of an agile
 * project, read by members; refused on a waterfall project; bad input a problem naming
 * the field; each change published with its author.
 */
class IterationApiTests extends ProjectServiceApiTest {

	private final String pat = address("pat");

	private final String olga = address("olga");

	@Test
	void aManagerRunsSprintsAndEachIsPublished() {
		String project = create("AGILE");
		String manager = token(this.pat, "PROJECT_MANAGER");

		HttpResponse<String> first = send("POST", iterations(project),
				"{\"name\":\"Sprint 1\",\"start\":\"2026-11-16\",\"end\":\"2026-11-29\",\"goal\":\"Core switches\","
						+ "\"committedPoints\":40}",
				manager, null, "it-" + this.suffix);
		assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
		String id = JsonPath.read(first.body(), "$.id");
		assertThat(first.headers().firstValue("ETag")).hasValue("\"1\"");
		assertThat(JsonPath.<Integer>read(first.body(), "$.number")).isEqualTo(1);
		HttpResponse<String> second = send("POST", iterations(project),
				"{\"name\":\"Sprint 2\",\"start\":\"2026-11-30\",\"end\":\"2026-12-13\"}", manager);
		assertThat(second.statusCode()).as(second.body()).isEqualTo(201);

		assertProblem(send("PATCH", iterations(project) + "/" + id, "{\"end\":\"2026-11-30\"}", manager, "\"1\""), 422,
				"start");
		assertProblem(send("PATCH", iterations(project) + "/" + id, "{\"goal\":\"x\"}", manager), 428, null);
		HttpResponse<String> completed = send("POST", iterations(project) + "/" + id + "/completion",
				"{\"outcome\":\"Core switches live in both halls\",\"completedPoints\":36,"
						+ "\"completedItems\":[\"Hall A core\",\"Hall B core\"]}",
				manager, "\"1\"");
		assertThat(completed.statusCode()).as(completed.body()).isEqualTo(200);
		assertThat(JsonPath.<String>read(completed.body(), "$.status")).isEqualTo("COMPLETED");
		assertThat(JsonPath.<String>read(completed.body(), "$.completedBy.email")).isEqualTo(this.pat);
		assertProblem(send("POST", iterations(project) + "/" + id + "/completion", "{\"outcome\":\"again\"}", manager),
				409, null);

		HttpResponse<String> list = send("GET", iterations(project), null, token(this.olga, "STAKEHOLDER"));
		assertThat(JsonPath.<List<String>>read(list.body(), "$.items[*].name")).containsExactly("Sprint 1", "Sprint 2");
		ConsumerRecord<String, byte[]> event = eventOf(project, "io.infrapm.project.IterationCompleted.v1");
		assertThat(KafkaTestClient.header(event, "ce_subject")).isEqualTo(project);
		assertThat(JsonPath.<List<String>>read(KafkaTestClient.value(event), "$.completedItems"))
			.containsExactly("Hall A core", "Hall B core");
		assertThat(JsonPath.<String>read(KafkaTestClient.value(event), "$.actor.email")).isEqualTo(this.pat);
		eventOf(project, "io.infrapm.project.IterationPlanned.v1");
	}

	@Test
	void aWaterfallProjectOrBadInputIsRefusedAndChangesNothing() {
		String waterfall = create("WATERFALL");
		String agile = create("AGILE");
		String manager = token(this.pat, "PROJECT_MANAGER");
		String body = "{\"name\":\"Sprint 1\",\"start\":\"2026-11-16\",\"end\":\"2026-11-29\"}";

		assertProblem(send("POST", iterations(waterfall), body, manager), 409, "methodology");
		assertProblem(send("POST", iterations(agile), "{\"start\":\"2026-11-16\",\"end\":\"2026-11-29\"}", manager),
				400, "name");
		assertProblem(send("POST", iterations(agile), body.replace("2026-11-29", "2026-11-02"), manager), 422, "end");
		assertProblem(send("POST", iterations(agile), body.replace("}", ",\"committedPoints\":-1}"), manager), 400,
				"committedPoints");
		assertProblem(send("POST", iterations(agile), body, token(this.olga, "STAKEHOLDER")), 403, null);
		assertProblem(send("GET", iterations(agile) + "/" + UUID.randomUUID(), null, manager), 404, null);

		assertThat(JsonPath.<Integer>read(send("GET", iterations(agile), null, manager).body(), "$.totalItems"))
			.isZero();
	}

	private String create(String methodology) {
		String body = """
				{"code":"IT-%s","name":"Iteration test","category":"NETWORK_ROLLOUT","methodology":"%s",
				 "plannedStart":"2026-11-02","plannedFinish":"2027-06-30",
				 "manager":{"name":"Pat Manager","email":"%s"},
				 "budget":{"amount":300000,"currency":"EUR"},
				 "stakeholders":[{"name":"Olga Engineer","email":"%s","role":"ENGINEER"}]}
				""".formatted(UUID.randomUUID().toString().substring(0, 8), methodology, this.pat, this.olga);
		return createAsPortfolioManager(body);
	}

	private static String iterations(String project) {
		return "/api/projects/" + project + "/iterations";
	}

}
