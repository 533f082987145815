package io.infrapm.project;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.platform.observability.InstanceIdentity;
import io.infrapm.platform.outbox.Aggregates;
import io.infrapm.project.portfolio.DateWatch;
import io.infrapm.project.portfolio.DateWatchSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The change calendar over REST: freezes for every project by a portfolio manager,
 * maintenance windows for one project by its manager; cutovers checked against them in
 * the same write and again by the date watch when the calendar changes; bad input and
 * callers refused.
 */
class ChangeCalendarApiTests extends ProjectServiceApiTest {

	private static final String WINDOWS = "/api/change-calendar/windows";

	private final String pat = address("pat");

	private final String olga = address("olga");

	@Autowired
	private MongoOperations mongo;

	@Autowired
	private Aggregates aggregates;

	@Autowired
	private MeterRegistry registry;

	@Test
	void aCutoverMeetsFreezesAndMaintenanceWindowsAndTheConflictsClearWhenItMoves() {
		String portfolio = token("portia@example.com", "PORTFOLIO_MANAGER");
		String manager = token(this.pat, "PROJECT_MANAGER");
		String project = create();
		String cutover = JsonPath.read(send("POST", "/api/projects/" + project + "/milestones",
				"{\"name\":\"Core cutover\",\"dueDate\":\"2033-12-20\",\"cutover\":true,\"critical\":true}", manager)
			.body(), "$.id");
		String milestone = "/api/projects/" + project + "/milestones/" + cutover;
		// Looked at once: the watch's next day for the project is now in 2033, so only
		// the
		// freeze's marking of the projects it applies to brings it back.
		watch();
		assertThat(JsonPath.<List<Object>>read(send("GET", milestone, null, manager).body(), "$.conflicts")).isEmpty();

		HttpResponse<String> freeze = send("POST", WINDOWS,
				"{\"kind\":\"CHANGE_FREEZE\",\"name\":\"Year-end freeze " + this.suffix
						+ "\",\"reason\":\"Trading peak\","
						+ "\"start\":\"2033-12-15T00:00\",\"end\":\"2034-01-04T00:00\",\"timeZone\":\"Europe/Berlin\"}",
				portfolio, null, "fr-" + this.suffix);
		assertThat(freeze.statusCode()).as(freeze.body()).isEqualTo(201);
		String freezeId = JsonPath.read(freeze.body(), "$.id");
		assertThat(JsonPath.<String>read(freeze.body(), "$.startsAt")).isEqualTo("2033-12-14T23:00:00Z");
		try {
			watch();
			HttpResponse<String> conflicted = send("GET", milestone, null, manager);
			assertThat(JsonPath.<String>read(conflicted.body(), "$.conflicts[0].kind")).as(conflicted.body())
				.isEqualTo("CHANGE_FREEZE");
			assertThat(JsonPath.<String>read(conflicted.body(), "$.conflicts[0].windowId")).isEqualTo(freezeId);
			String detected = KafkaTestClient.value(eventOf(project, "io.infrapm.project.ScheduleConflictDetected.v1"));
			assertThat(JsonPath.<String>read(detected, "$.windowId")).isEqualTo(freezeId);
			assertThat(JsonPath.<String>read(detected, "$.actor.subject")).isEqualTo("service:project-service");
			// A window of every project is keyed by the nil UUID, its subject is the
			// window.
			assertThat(KafkaTestClient.header(eventOf("00000000-0000-0000-0000-000000000000",
					"io.infrapm.project.ChangeFreezeDeclared.v1", (r) -> KafkaTestClient.value(r).contains(freezeId)),
					"ce_subject"))
				.isEqualTo(freezeId);

			HttpResponse<String> moved = send("POST", milestone + "/reschedules",
					"{\"dueDate\":\"2034-01-14\",\"reason\":\"After the freeze\"}", manager);
			assertThat(JsonPath.<List<Object>>read(moved.body(), "$.conflicts")).as("cleared in the same write")
				.isEmpty();
			eventOf(project, "io.infrapm.project.ScheduleConflictResolved.v1");

			HttpResponse<String> window = send("POST", WINDOWS, "{\"kind\":\"MAINTENANCE_WINDOW\",\"projectId\":\""
					+ project + "\",\"name\":\"Saturday nights\",\"start\":\"2033-11-05T22:00\","
					+ "\"end\":\"2033-11-06T04:00\",\"timeZone\":\"Europe/Berlin\",\"repeatsWeeklyUntil\":\"2034-06-30\"}",
					manager);
			assertThat(window.statusCode()).as(window.body()).isEqualTo(201);
			HttpResponse<String> weekday = send("POST", milestone + "/reschedules",
					"{\"dueDate\":\"2034-01-17\",\"reason\":\"Vendor\"}", manager);
			assertThat(JsonPath.<List<String>>read(weekday.body(), "$.conflicts[*].kind"))
				.containsExactly("OUTSIDE_MAINTENANCE_WINDOW");
			HttpResponse<String> saturday = send("POST", milestone + "/reschedules",
					"{\"dueDate\":\"2034-01-21\",\"reason\":\"Into the window\"}", manager);
			assertThat(JsonPath.<List<Object>>read(saturday.body(), "$.conflicts")).isEmpty();

			HttpResponse<String> applicable = send("GET", WINDOWS + "?projectId=" + project, null,
					token(this.olga, "STAKEHOLDER"));
			assertThat(JsonPath.<List<String>>read(applicable.body(), "$.items[*].name")).contains("Saturday nights",
					"Year-end freeze " + this.suffix);
			assertProblem(send("GET", WINDOWS + "/" + JsonPath.read(window.body(), "$.id"), null,
					token(address("oscar"), "STAKEHOLDER")), 404, null);
		}
		finally {
			HttpResponse<String> cancelled = send("POST", WINDOWS + "/" + freezeId + "/cancellation",
					"{\"reason\":\"Peak moved\"}", portfolio);
			assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
		}
		assertProblem(send("POST", WINDOWS + "/" + freezeId + "/cancellation", "{\"reason\":\"again\"}", portfolio),
				409, null);
		assertThat(JsonPath.<Boolean>read(send("GET", WINDOWS + "/" + freezeId, null, manager).body(), "$.cancelled"))
			.isTrue();
	}

	@Test
	void onlyAPortfolioManagerSetsWindowsForEveryProjectAndBadInputIsRefused() {
		String manager = token(this.pat, "PROJECT_MANAGER");
		String project = create();
		String body = "{\"kind\":\"CHANGE_FREEZE\",\"name\":\"Freeze\",\"start\":\"2033-12-15T00:00\","
				+ "\"end\":\"2034-01-04T00:00\",\"timeZone\":\"Europe/Berlin\"}";

		assertProblem(send("POST", WINDOWS, body, manager), 403, null);
		String own = body.replace("{\"kind\"", "{\"projectId\":\"" + project + "\",\"kind\"");
		assertProblem(send("POST", WINDOWS, own, token(this.olga, "STAKEHOLDER")), 403, null);
		assertProblem(send("POST", WINDOWS, own, token(address("oscar"), "PROJECT_MANAGER")), 404, null);
		assertProblem(send("POST", WINDOWS, own.replace("Europe/Berlin", "Mars/Olympus"), manager), 422, "timeZone");
		assertProblem(send("POST", WINDOWS, own.replace("2034-01-04T00:00", "2033-12-01T00:00"), manager), 422, "end");
		assertProblem(send("POST", WINDOWS, own.replace("}", ",\"repeatsWeeklyUntil\":\"2034-06-30\"}"), manager), 422,
				"end");
		assertProblem(send("POST", WINDOWS, own.replace("CHANGE_FREEZE", "BLACKOUT"), manager), 400, "kind");
		assertProblem(send("POST", WINDOWS, own.replace("2033-12-15T00:00", "yesterday"), manager), 400, "start");

		assertThat(JsonPath.<Integer>read(
				send("GET", WINDOWS + "?projectId=" + project + "&includeCancelled=true", null, manager).body(),
				"$.items.length()"))
			.as("nothing of this project on the calendar")
			.isEqualTo(JsonPath.<Integer>read(send("GET", WINDOWS + "?includeCancelled=true", null, manager).body(),
					"$.items.length()"));
	}

	/** Runs the date watch once, on the real clock, as a service instance would. */
	private void watch() {
		DateWatchSettings settings = new DateWatchSettings(false, Duration.ofMinutes(1), List.of(7, 3, 1),
				ZoneOffset.UTC, Duration.ofMinutes(1));
		new DateWatch(this.mongo, this.aggregates, settings, new InstanceIdentity("project-service", "calendar-test"),
				Clock.systemUTC(), this.registry)
			.watchDue();
	}

	private String create() {
		String body = """
				{"code":"CC-%s","name":"Calendar test","category":"NETWORK_ROLLOUT",
				 "plannedStart":"2033-01-03","plannedFinish":"2034-12-22",
				 "manager":{"name":"Pat Manager","email":"%s"},
				 "budget":{"amount":300000,"currency":"EUR"},
				 "stakeholders":[{"name":"Olga Engineer","email":"%s","role":"ENGINEER"}]}
				""".formatted(UUID.randomUUID().toString().substring(0, 8), this.pat, this.olga);
		return createAsPortfolioManager(body);
	}

}
