package io.infrapm.project;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.contracts.Topics;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.project.reporting.ReportScheduleSettings;
import io.infrapm.project.reporting.ReportScheduler;
import io.infrapm.project.reporting.StatusReports;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project's report schedule: the manager sets it with its day, time and zone; when it
 * comes, several schedulers at once draft the report once, as of that day, and publish
 * {@code StatusReportDrafted} once for the manager's reminder; runs missed while none ran
 * draft only the latest.
 */
class ReportScheduleTests extends ProjectServiceApiTest {

	@Autowired
	private MongoOperations mongo;

	@Autowired
	private StatusReports reports;

	private final String pat = address("pat");

	private final String olga = address("olga");

	@Test
	void aManagerSetsTheScheduleWithItsDayTimeAndZone() {
		String project = create();
		String manager = token(this.pat, "PROJECT_MANAGER");
		String path = "/api/projects/" + project + "/status-report-schedule";
		String weekly = "{\"period\":\"WEEKLY\",\"audience\":\"STEERING_COMMITTEE\",\"dayOfWeek\":\"FRIDAY\","
				+ "\"time\":\"14:00\",\"timeZone\":\"Europe/Berlin\"}";

		assertThat(send("GET", path, null, manager).statusCode()).isEqualTo(404);
		assertProblem(send("PUT", path, weekly.replace(",\"dayOfWeek\":\"FRIDAY\"", ""), manager), 422, "dayOfWeek");
		assertProblem(send("PUT", path, weekly.replace("Europe/Berlin", "Mars/Olympus"), manager), 422, "timeZone");
		assertProblem(send("PUT", path, weekly.replace("14:00", "25:00"), manager), 400, "time");
		assertProblem(send("PUT", path, "{\"period\":\"MONTHLY\",\"audience\":\"TEAM\",\"dayOfMonth\":31,"
				+ "\"time\":\"09:00\",\"timeZone\":\"UTC\"}", manager), 400, "dayOfMonth");
		assertThat(send("PUT", path, weekly, token(this.olga, "STAKEHOLDER")).statusCode()).isEqualTo(403);

		HttpResponse<String> set = send("PUT", path, weekly, manager);
		assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
		Instant next = Instant.parse(JsonPath.read(set.body(), "$.nextRunAt"));
		assertThat(next.atZone(java.time.ZoneId.of("Europe/Berlin")).getDayOfWeek())
			.isEqualTo(java.time.DayOfWeek.FRIDAY);
		assertThat(next.atZone(java.time.ZoneId.of("Europe/Berlin")).toLocalTime())
			.isEqualTo(java.time.LocalTime.of(14, 0));
		assertThat(next).isAfter(Instant.now()).isBefore(Instant.now().plus(Duration.ofDays(7)));
		assertThat(JsonPath.<String>read(set.body(), "$.setBy.email")).isEqualTo(this.pat);
		assertProblem(send("PUT", path, weekly, manager), 428, null);
		assertThat(send("GET", path, null, token(this.olga, "STAKEHOLDER")).statusCode()).isEqualTo(200);
		String etag = set.headers().firstValue("ETag").orElseThrow();
		HttpResponse<String> daily = send("PUT", path,
				"{\"period\":\"DAILY\",\"audience\":\"TEAM\",\"time\":\"08:30\",\"timeZone\":\"UTC\"}", manager, etag);
		assertThat(daily.statusCode()).as(daily.body()).isEqualTo(200);
		assertProblem(send("DELETE", path, null, manager, etag), 412, null);
		assertThat(send("DELETE", path, null, manager, daily.headers().firstValue("ETag").orElseThrow()).statusCode())
			.isEqualTo(204);
		assertThat(send("GET", path, null, manager).statusCode()).isEqualTo(404);
	}

	@Test
	void severalSchedulersDraftTheDueReportOnceAndOnlyTheLatestOfMissedRuns() throws Exception {
		String project = create();
		String manager = token(this.pat, "PROJECT_MANAGER");
		HttpResponse<String> set = send("PUT", "/api/projects/" + project + "/status-report-schedule",
				"{\"period\":\"WEEKLY\",\"audience\":\"TEAM\",\"dayOfWeek\":\"FRIDAY\",\"time\":\"14:00\","
						+ "\"timeZone\":\"UTC\"}",
				manager);
		assertThat(set.statusCode()).as(set.body()).isEqualTo(200);
		Instant first = Instant.parse(JsonPath.read(set.body(), "$.nextRunAt"));

		runSchedulers(first.plusSeconds(60));
		String reports = "/api/projects/" + project + "/status-reports";
		HttpResponse<String> drafted = send("GET", reports, null, manager);
		assertThat(JsonPath.<Integer>read(drafted.body(), "$.totalItems")).as(drafted.body()).isEqualTo(1);
		assertThat(JsonPath.<String>read(drafted.body(), "$.items[0].status")).isEqualTo("DRAFT");
		assertThat(JsonPath.<String>read(drafted.body(), "$.items[0].asOf"))
			.isEqualTo(first.atZone(ZoneOffset.UTC).toLocalDate().toString());
		HttpResponse<String> schedule = send("GET", "/api/projects/" + project + "/status-report-schedule", null,
				manager);
		assertThat(Instant.parse(JsonPath.read(schedule.body(), "$.nextRunAt")))
			.isEqualTo(first.plus(Duration.ofDays(7)));
		runSchedulers(first.plusSeconds(120));
		assertThat(JsonPath.<Integer>read(send("GET", reports, null, manager).body(), "$.totalItems"))
			.as("nothing due again that week")
			.isEqualTo(1);

		// No scheduler ran for three weeks: only the latest Friday's report is drafted.
		runSchedulers(first.plus(Duration.ofDays(21)).plusSeconds(60));
		HttpResponse<String> later = send("GET", reports, null, manager);
		assertThat(JsonPath.<List<String>>read(later.body(), "$.items[*].asOf")).containsExactly(
				first.plus(Duration.ofDays(21)).atZone(ZoneOffset.UTC).toLocalDate().toString(),
				first.atZone(ZoneOffset.UTC).toLocalDate().toString());

		List<ConsumerRecord<String, byte[]>> reminders = kafka()
			.read(Topics.PROJECT, (record) -> project.equals(record.key())
					&& "io.infrapm.project.StatusReportDrafted.v1".equals(KafkaTestClient.header(record, "ce_type")),
					(records) -> false, Duration.ofSeconds(4));
		assertThat(reminders).as("one reminder per drafted report").hasSize(2);
		assertThat(reminders).allSatisfy((record) -> {
			assertThat(JsonPath.<Boolean>read(KafkaTestClient.value(record), "$.scheduled")).isTrue();
			assertThat(JsonPath.<String>read(KafkaTestClient.value(record), "$.actor.subject"))
				.isEqualTo("service:project-service");
		});
	}

	private void runSchedulers(Instant at) throws Exception {
		Clock clock = Clock.fixed(at, ZoneOffset.UTC);
		ReportScheduleSettings settings = new ReportScheduleSettings(true, Duration.ofMinutes(1),
				Duration.ofMinutes(2));
		ExecutorService instances = Executors.newFixedThreadPool(3);
		try {
			List<Callable<Integer>> runs = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				ReportScheduler scheduler = new ReportScheduler(this.mongo, this.reports, settings, "test-" + i, clock);
				runs.add(scheduler::sweep);
			}
			for (Future<Integer> run : instances.invokeAll(runs)) {
				run.get();
			}
		}
		finally {
			instances.shutdown();
		}
	}

	private String create() {
		return createAsPortfolioManager("""
				{"code":"RS-%s","name":"Schedule test","category":"SERVER_UPGRADE",
				 "plannedStart":"2026-01-04","plannedFinish":"2027-06-30",
				 "manager":{"name":"Pat Manager","email":"%s"},
				 "budget":{"amount":500000,"currency":"EUR"},
				 "stakeholders":[{"name":"Olga Engineer","email":"%s","role":"ENGINEER"}]}
				""".formatted(UUID.randomUUID().toString().substring(0, 8), this.pat, this.olga));
	}

}
