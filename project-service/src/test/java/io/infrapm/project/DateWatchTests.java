package io.infrapm.project;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.jayway.jsonpath.JsonPath;
import io.infrapm.embedded.KafkaTestClient;
import io.infrapm.platform.observability.InstanceIdentity;
import io.infrapm.platform.outbox.Aggregates;
import io.infrapm.project.portfolio.DateWatch;
import io.infrapm.project.portfolio.DateWatchSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The date watch against the running service's store and topic, with clocks of its own:
 * several instances running at once report each missed milestone, each alert horizon and
 * each late vendor deliverable exactly once, with the CloudEvents headers; a project
 * another instance has claimed is left alone until that claim expires; a finding leaves
 * the milestone's ETag as it was.
 */
class DateWatchTests extends ProjectServiceApiTest {

	private static final String MISSED = "io.infrapm.project.MilestoneMissed.v1";

	private static final String DUE_SOON = "io.infrapm.project.MilestoneDueSoon.v1";

	private static final String LATE = "io.infrapm.project.VendorDeliverableLate.v1";

	/** A day long after every other test's dates, so that their projects are done. */
	private static final Instant MARCH_11 = Instant.parse("2031-03-11T06:00:00Z");

	@Autowired
	private MongoOperations mongo;

	@Autowired
	private Aggregates aggregates;

	@Autowired
	private MeterRegistry registry;

	private final String pat = address("pat");

	@Test
	void severalInstancesReportEachMissAndEachHorizonExactlyOnce() throws Exception {
		List<String> projects = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			String project = create();
			plan(project, "Cutover", "2031-03-10", true);
			plan(project, "Go-live", "2031-03-14", false);
			plan(project, "Hand-over", "2031-06-30", false);
			owe(project, "Racks installed", "2031-03-09");
			projects.add(project);
		}

		double lateBefore = findings("deliverable_late");
		double missedBefore = findings("missed");
		ExecutorService instances = Executors.newFixedThreadPool(3);
		try {
			List<Callable<DateWatch.Run>> runs = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				DateWatch watch = watch("instance-" + i, MARCH_11);
				runs.add(watch::watchDue);
			}
			int findings = 0;
			for (Future<DateWatch.Run> run : instances.invokeAll(runs)) {
				findings += run.get().findings();
			}
			assertThat(findings).as("one miss, one horizon and one late deliverable per project, over all instances")
				.isEqualTo(18);
		}
		finally {
			instances.shutdown();
		}
		assertThat(watch("instance-late", MARCH_11).watchDue().findings()).isZero();
		assertThat(findings("deliverable_late") - lateBefore).isEqualTo(6);
		assertThat(findings("missed") - missedBefore).isEqualTo(6);

		for (String project : projects) {
			// The relay publishes after the watch's write, on a thread of its own: wait
			// for it before counting, or a slow machine reads the topic too early.
			await().atMost(java.time.Duration.ofSeconds(20))
				.until(() -> !eventsOf(project, MISSED).isEmpty() && !eventsOf(project, LATE).isEmpty()
						&& !eventsOf(project, DUE_SOON).isEmpty());
			ConsumerRecord<String, byte[]> missed = only(eventsOf(project, MISSED));
			assertThat(KafkaTestClient.header(missed, "ce_source")).isEqualTo("/infrapm/project-service");
			assertThat(KafkaTestClient.header(missed, "ce_subject")).isEqualTo(project);
			assertThat(KafkaTestClient.header(missed, "ce_specversion")).isEqualTo("1.0");
			String data = new String(missed.value());
			assertThat(JsonPath.<String>read(data, "$.name")).isEqualTo("Cutover");
			assertThat(JsonPath.<Integer>read(data, "$.daysLate")).isEqualTo(1);
			assertThat(JsonPath.<Boolean>read(data, "$.critical")).isTrue();
			assertThat(JsonPath.<String>read(data, "$.actor.subject")).isEqualTo("service:project-service");
			String late = new String(only(eventsOf(project, LATE)).value());
			assertThat(JsonPath.<String>read(late, "$.name")).isEqualTo("Racks installed");
			assertThat(JsonPath.<Integer>read(late, "$.daysLate")).isEqualTo(2);
			assertThat(JsonPath.<String>read(late, "$.vendorName")).isEqualTo("Rack & Stack Ltd");
			String soon = new String(only(eventsOf(project, DUE_SOON)).value());
			assertThat(JsonPath.<String>read(soon, "$.name")).isEqualTo("Go-live");
			assertThat(JsonPath.<Integer>read(soon, "$.alertDays")).isEqualTo(3);
			assertThat(JsonPath.<Integer>read(soon, "$.daysLeft")).isEqualTo(3);
		}

		HttpResponse<String> cutover = send("GET",
				"/api/projects/" + projects.get(0) + "/milestones?status=PLANNED&size=1", null,
				token(this.pat, "PROJECT_MANAGER"));
		assertThat(JsonPath.<Boolean>read(cutover.body(), "$.items[0].missed")).as(cutover.body()).isTrue();
		assertThat(JsonPath.<Integer>read(cutover.body(), "$.items[0].revision"))
			.as("the watch's bookkeeping is not an edit of the milestone")
			.isEqualTo(1);
	}

	@Test
	void aProjectClaimedByAnotherInstanceIsLeftUntilTheClaimExpires() {
		String project = create();
		plan(project, "Cutover", "2031-03-10", true);
		Instant until = MARCH_11.plusSeconds(60);
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(UUID.fromString(project))),
				new Update().set("datesClaim.token", UUID.randomUUID())
					.set("datesClaim.owner", "crashed-instance")
					.set("datesClaim.until", until),
				"projects");

		watch("instance-a", MARCH_11).watchDue();
		assertThat(eventsOf(project, MISSED)).as("claimed by another instance").isEmpty();

		watch("instance-a", until.plusSeconds(1)).watchDue();
		assertThat(published(project, MISSED)).as("taken over after the claim expired").hasSize(1);
	}

	@Test
	void aProjectOnHoldIsNotReportedUntilItResumes() {
		String project = create();
		plan(project, "Cutover", "2031-03-10", false);
		String manager = token(this.pat, "PROJECT_MANAGER");
		HttpResponse<String> held = send("POST", "/api/projects/" + project + "/status-changes",
				"{\"status\":\"ON_HOLD\",\"reason\":\"Funding review\"}", manager);
		assertThat(held.statusCode()).as(held.body()).isEqualTo(200);

		watch("instance-a", MARCH_11).watchDue();
		assertThat(eventsOf(project, MISSED)).isEmpty();

		HttpResponse<String> resumed = send("POST", "/api/projects/" + project + "/status-changes",
				"{\"status\":\"ACTIVE\",\"reason\":\"Funded\"}", manager);
		assertThat(resumed.statusCode()).as(resumed.body()).isEqualTo(200);
		watch("instance-a", MARCH_11).watchDue();
		assertThat(published(project, MISSED)).hasSize(1);
	}

	@Test
	void aDeliverableAddedWhileTheWatchLooksAtTheProjectIsReportedAllTheSame() {
		String project = create();
		plan(project, "Cutover", "2031-03-10", true);
		watch("instance-a", MARCH_11).watchDue();
		assertThat(published(project, MISSED)).hasSize(1);
		// Due for a look again, with nothing new to report as the watch reads it.
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(UUID.fromString(project))),
				new Update().set("datesNextCheck", java.time.LocalDate.EPOCH), "projects");

		// The manager adds a past-due deliverable right after the watch claimed the
		// project: the watch must not end its claim with a next day that skips it.
		AtomicBoolean added = new AtomicBoolean();
		Clock clock = new Clock() {

			@Override
			public Instant instant() {
				if (!added.get() && claimed(project)) {
					added.set(true);
					owe(project, "Racks installed", "2031-03-09");
				}
				return MARCH_11;
			}

			@Override
			public ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(ZoneId zone) {
				return this;
			}

		};
		watch("instance-a", clock).watchDue();
		assertThat(added).as("the deliverable came while the project was claimed").isTrue();
		watch("instance-a", MARCH_11).watchDue();

		assertThat(published(project, LATE)).hasSize(1);
		assertThat(published(project, MISSED)).hasSize(1);
	}

	private boolean claimed(String project) {
		return this.mongo.exists(
				Query.query(Criteria.where("_id").is(UUID.fromString(project)).and("datesClaim").ne(null)), "projects");
	}

	private void owe(String project, String name, String due) {
		String manager = token(this.pat, "PROJECT_MANAGER");
		HttpResponse<String> vendor = send("POST", "/api/projects/" + project + "/vendors",
				"{\"name\":\"Rack & Stack Ltd\",\"contact\":{\"name\":\"Vera\",\"email\":\"vera@rs.example\"}}",
				manager);
		assertThat(vendor.statusCode()).as(vendor.body()).isEqualTo(201);
		HttpResponse<String> owed = send("POST",
				"/api/projects/" + project + "/vendors/" + JsonPath.read(vendor.body(), "$.id") + "/deliverables",
				"{\"name\":\"%s\",\"dueDate\":\"%s\"}".formatted(name, due), manager);
		assertThat(owed.statusCode()).as(owed.body()).isEqualTo(201);
	}

	private DateWatch watch(String instance, Instant now) {
		return watch(instance, Clock.fixed(now, ZoneOffset.UTC));
	}

	private DateWatch watch(String instance, Clock clock) {
		DateWatchSettings settings = new DateWatchSettings(false, java.time.Duration.ofMinutes(1), List.of(7, 3, 1),
				ZoneOffset.UTC, java.time.Duration.ofMinutes(1));
		return new DateWatch(this.mongo, this.aggregates, settings, new InstanceIdentity("project-service", instance),
				clock, this.registry);
	}

	private double findings(String kind) {
		var counter = this.registry.find("infrapm.milestone.findings").tag("kind", kind).counter();
		return (counter != null) ? counter.count() : 0;
	}

	/**
	 * The events of a type of a project, once the relay has published one: it runs on a
	 * thread of its own, after the watch's write.
	 */
	private static List<ConsumerRecord<String, byte[]>> published(String project, String type) {
		await().atMost(java.time.Duration.ofSeconds(20)).until(() -> !eventsOf(project, type).isEmpty());
		return eventsOf(project, type);
	}

	private static ConsumerRecord<String, byte[]> only(List<ConsumerRecord<String, byte[]>> events) {
		assertThat(events).hasSize(1);
		return events.get(0);
	}

	private String create() {
		String body = """
				{"code":"DW-%s","name":"Date watch test","category":"HARDWARE_REFRESH",
				 "plannedStart":"2031-01-06","plannedFinish":"2031-12-19",
				 "manager":{"name":"Pat Manager","email":"%s"},
				 "budget":{"amount":250000,"currency":"EUR"}}
				""".formatted(UUID.randomUUID().toString().substring(0, 8), this.pat);
		return createAsPortfolioManager(body);
	}

	private void plan(String project, String name, String due, boolean critical) {
		HttpResponse<String> planned = send("POST", "/api/projects/" + project + "/milestones",
				"{\"name\":\"%s\",\"dueDate\":\"%s\",\"critical\":%s}".formatted(name, due, critical),
				token(this.pat, "PROJECT_MANAGER"));
		assertThat(planned.statusCode()).as(planned.body()).isEqualTo(201);
	}

}
