package io.infrapm.project;

import java.net.http.HttpResponse;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.embedded.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Vendors over REST: engaged, changed and held to their deliverables by the manager, read
 * by members; bad input answered with a problem naming the field; each change published
 * with the CloudEvents headers and its author.
 */
class VendorApiTests extends ProjectServiceApiTest {

	private final String pat = address("pat");

	private final String olga = address("olga");

	private static final String VENDOR = """
			{"name":"Rack & Stack Ltd","contact":{"name":"Vera Vendor","email":"vera@rackstack.example"},
			 "phone":"+44 20 7946 0000","contractReference":"PO-4711",
			 "serviceLevels":{"responseTime":"PT4H","resolutionTime":"P1D","availabilityTarget":99.9}}""";

	@Test
	void aManagerEngagesAVendorAndHoldsItToItsDeliverables() {
		String project = create();
		String manager = token(this.pat, "PROJECT_MANAGER");

		HttpResponse<String> added = send("POST", vendors(project), VENDOR, manager, null, "v-" + this.suffix);
		assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
		String vendorId = JsonPath.read(added.body(), "$.id");
		assertThat(added.headers().firstValue("Location")).hasValue(vendors(project) + "/" + vendorId);
		assertThat(added.headers().firstValue("ETag")).hasValue("\"1\"");
		assertThat(JsonPath.<String>read(added.body(), "$.serviceLevels.responseTime")).isEqualTo("PT4H");
		assertThat(JsonPath.<String>read(added.body(), "$.serviceLevels.resolutionTime")).isEqualTo("PT24H");
		assertThat(JsonPath.<String>read(added.body(), "$.addedBy.email")).isEqualTo(this.pat);
		HttpResponse<String> retried = send("POST", vendors(project), VENDOR, manager, null, "v-" + this.suffix);
		assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
		assertThat(JsonPath.<String>read(retried.body(), "$.id")).isEqualTo(vendorId);
		assertProblem(send("POST", vendors(project), VENDOR, manager), 409, "name");

		String deliverables = vendors(project) + "/" + vendorId + "/deliverables";
		HttpResponse<String> racks = send("POST", deliverables,
				"{\"name\":\"Racks installed\",\"dueDate\":\"2026-11-20\"}", manager);
		assertThat(racks.statusCode()).as(racks.body()).isEqualTo(201);
		assertThat(racks.headers().firstValue("ETag")).hasValue("\"2\"");
		String racksId = JsonPath.read(racks.body(), "$.id");
		assertThat(JsonPath.<String>read(racks.body(), "$.status")).isEqualTo("OWED");

		HttpResponse<String> moved = send("PATCH", deliverables + "/" + racksId, "{\"dueDate\":\"2026-11-25\"}",
				manager, "\"2\"");
		assertThat(moved.statusCode()).as(moved.body()).isEqualTo(200);
		assertThat(moved.headers().firstValue("ETag")).hasValue("\"3\"");
		assertProblem(send("PATCH", deliverables + "/" + racksId, "{\"dueDate\":\"2026-11-26\"}", manager, "\"2\""),
				412, null);
		assertProblem(send("PATCH", deliverables + "/" + racksId, "{\"dueDate\":\"2026-11-26\"}", manager), 428, null);

		assertProblem(send("POST", deliverables + "/" + racksId + "/review",
				"{\"deliveredOn\":\"2026-11-24\",\"accepted\":false}", manager), 422, "notes");
		HttpResponse<String> rejected = send("POST", deliverables + "/" + racksId + "/review",
				"{\"deliveredOn\":\"2026-11-24\",\"accepted\":false,\"notes\":\"Two racks unlabelled\"}", manager);
		assertThat(JsonPath.<String>read(rejected.body(), "$.status")).as(rejected.body()).isEqualTo("REJECTED");
		HttpResponse<String> accepted = send("POST", deliverables + "/" + racksId + "/review",
				"{\"deliveredOn\":\"2026-11-27\",\"accepted\":true}", manager);
		assertThat(JsonPath.<String>read(accepted.body(), "$.status")).as(accepted.body()).isEqualTo("ACCEPTED");
		assertThat(JsonPath.<String>read(accepted.body(), "$.reviews[1].by.email")).isEqualTo(this.pat);

		HttpResponse<String> vendor = send("GET", vendors(project) + "/" + vendorId, null,
				token(this.olga, "STAKEHOLDER"));
		assertThat(vendor.statusCode()).as("a member reads").isEqualTo(200);
		assertThat(JsonPath.<String>read(vendor.body(), "$.deliverables[0].status")).isEqualTo("ACCEPTED");
		HttpResponse<String> list = send("GET", vendors(project) + "?size=1", null, manager);
		assertThat(JsonPath.<Integer>read(list.body(), "$.totalItems")).isEqualTo(1);

		ConsumerRecord<String, byte[]> event = eventOf(project, "io.infrapm.project.VendorAdded.v1");
		assertThat(KafkaTestClient.header(event, "ce_source")).isEqualTo("/infrapm/project-service");
		assertThat(KafkaTestClient.header(event, "ce_subject")).isEqualTo(project);
		assertThat(JsonPath.<Integer>read(KafkaTestClient.value(event), "$.serviceLevels.resolutionMinutes"))
			.isEqualTo(1440);
		assertThat(JsonPath.<String>read(KafkaTestClient.value(event), "$.actor.email")).isEqualTo(this.pat);
		String planned = KafkaTestClient.value(eventOf(project, "io.infrapm.project.VendorDeliverablePlanned.v1",
				(r) -> KafkaTestClient.value(r).contains("\"previousDueDate\":\"2026-11-20\"")));
		assertThat(JsonPath.<String>read(planned, "$.dueDate")).isEqualTo("2026-11-25");
		String review = KafkaTestClient.value(eventOf(project, "io.infrapm.project.VendorDeliverableReviewed.v1",
				(r) -> KafkaTestClient.value(r).contains("\"accepted\":true")));
		assertThat(JsonPath.<Boolean>read(review, "$.late")).isTrue();
	}

	@Test
	void changesNeedTheVendorsCurrentETagAndKeepWhatTheyDoNotName() {
		String project = create();
		String manager = token(this.pat, "PROJECT_MANAGER");
		String vendorId = JsonPath.read(send("POST", vendors(project), VENDOR, manager).body(), "$.id");

		assertProblem(send("PATCH", vendors(project) + "/" + vendorId, "{\"phone\":\"\"}", manager), 428, null);
		assertProblem(send("PATCH", vendors(project) + "/" + vendorId, "{\"phone\":\"\"}", manager, "\"7\""), 412,
				null);
		HttpResponse<String> changed = send("PATCH", vendors(project) + "/" + vendorId,
				"{\"phone\":\"\",\"serviceLevels\":{\"responseTime\":\"PT1H\",\"resolutionTime\":\"PT8H\"}}", manager,
				"\"1\"");
		assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
		assertThat(JsonPath.<Object>read(changed.body(), "$.phone")).isNull();
		assertThat(JsonPath.<String>read(changed.body(), "$.contractReference")).isEqualTo("PO-4711");
		assertThat(JsonPath.<String>read(changed.body(), "$.serviceLevels.responseTime")).isEqualTo("PT1H");
		assertThat(changed.headers().firstValue("ETag")).hasValue("\"2\"");
		eventOf(project, "io.infrapm.project.VendorUpdated.v1");
	}

	@Test
	void badInputIsAProblemNamingTheFieldAndChangesNothing() {
		String project = create();
		String manager = token(this.pat, "PROJECT_MANAGER");

		assertProblem(
				send("POST", vendors(project), "{\"contact\":{\"name\":\"V\",\"email\":\"v@x.example\"}}", manager),
				400, "name");
		assertProblem(send("POST", vendors(project), "{\"name\":\"V\",\"contact\":{\"name\":\"V\",\"email\":\"no\"}}",
				manager), 400, "contact.email");
		assertProblem(send("POST", vendors(project), VENDOR.replace("\"PT4H\"", "\"four hours\""), manager), 400, null);
		assertProblem(send("POST", vendors(project), VENDOR.replace("\"P1D\"", "\"PT1H\""), manager), 422,
				"serviceLevels.resolutionTime");
		assertProblem(send("POST", vendors(project), VENDOR.replace("\"PT4H\"", "\"PT0S\""), manager), 422,
				"serviceLevels.responseTime");
		assertProblem(send("POST", vendors(project), VENDOR.replace("99.9", "100.5"), manager), 400,
				"serviceLevels.availabilityTarget");
		String vendorId = JsonPath.read(send("POST", vendors(project), VENDOR, manager).body(), "$.id");
		String deliverables = vendors(project) + "/" + vendorId + "/deliverables";
		assertProblem(send("POST", deliverables, "{\"name\":\"Racks\",\"dueDate\":\"2026-02-30\"}", manager), 400,
				"dueDate");
		assertProblem(send("POST", deliverables + "/" + UUID.randomUUID() + "/review",
				"{\"deliveredOn\":\"2026-11-24\",\"accepted\":true}", manager), 404, null);
		assertProblem(send("GET", vendors(project) + "/" + UUID.randomUUID(), null, manager), 404, null);

		HttpResponse<String> vendor = send("GET", vendors(project) + "/" + vendorId, null, manager);
		assertThat(vendor.headers().firstValue("ETag")).hasValue("\"1\"");
		assertThat(JsonPath.<Integer>read(send("GET", vendors(project), null, manager).body(), "$.totalItems"))
			.isEqualTo(1);
	}

	@Test
	void onlyTheManagerChangesVendorsAndOutsidersCannotTellTheProjectExists() {
		String project = create();
		String engineer = token(this.olga, "STAKEHOLDER");

		assertProblem(send("POST", vendors(project), VENDOR, engineer), 403, null);
		assertProblem(send("GET", vendors(project), null, token(address("oscar"), "STAKEHOLDER")), 404, null);
		assertThat(JsonPath.<Integer>read(send("GET", vendors(project), null, engineer).body(), "$.totalItems"))
			.isZero();
	}

	private String create() {
		String body = """
				{"code":"VN-%s","name":"Vendor test","category":"HARDWARE_REFRESH",
				 "plannedStart":"2026-10-05","plannedFinish":"2027-06-30",
				 "manager":{"name":"Pat Manager","email":"%s"},
				 "budget":{"amount":500000,"currency":"EUR"},
				 "stakeholders":[{"name":"Olga Engineer","email":"%s","role":"ENGINEER"}]}
				""".formatted(UUID.randomUUID().toString().substring(0, 8), this.pat, this.olga);
		return createAsPortfolioManager(body);
	}

	private static String vendors(String project) {
		return "/api/projects/" + project + "/vendors";
	}

}
