package io.infrapm.project.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventCatalog;
import io.infrapm.contracts.project.Methodology;
import io.infrapm.contracts.project.OutageImpact;
import io.infrapm.contracts.project.OutageRecorded;
import io.infrapm.contracts.project.OutageUpdated;
import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.contracts.project.ServiceLevelTerms;
import io.infrapm.contracts.project.ServiceTarget;
import io.infrapm.contracts.project.ServicesChanged;
import io.infrapm.platform.events.EventJson;
import io.infrapm.platform.outbox.OutboxEntry;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Services, outages and service levels on the aggregate: outages of known services only,
 * availability from unplanned full outages with overlaps counted once, planned downtime
 * apart, and breaches of the target and of a vendor's response and resolution times.
 */
class ServiceLevelRulesTests {

	private static final Instant NOW = Instant.parse("2027-03-31T12:00:00Z");

	private static final Actor PAT = new Actor("pat", "pat@example.com", "Pat Manager");

	private static final Instant MARCH = Instant.parse("2027-03-01T00:00:00Z");

	private static final Instant APRIL = Instant.parse("2027-04-01T00:00:00Z");

	private final Project project = Project.initiate(
			new ProjectPlan("DC-1", "Data-centre move", ProjectCategory.DATA_CENTRE_MIGRATION, Methodology.WATERFALL,
					new Person("Pat Manager", "pat@example.com"), null, LocalDate.parse("2027-01-04"),
					LocalDate.parse("2027-06-30"), null),
			new Money(new BigDecimal("1000000"), "EUR"), List.of(), null, PAT, NOW);

	@Test
	void servicesHaveUniqueNamesAndKnownVendorsAndOnesWithOutagesStay() {
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> define(service("Email", "99.9", null), service(" email ", "99", null)))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("twice"));
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> define(service("Email", "99.9", UUID.randomUUID())));

		ServiceCatalogue catalogue = define(service("Email", "99.90", null));
		assertThat(catalogue.revision()).isEqualTo(1);
		assertThat(lastEvent(ServicesChanged.class).services()).singleElement()
			.satisfies((s) -> assertThat(s.availabilityTarget()).isEqualByComparingTo("99.9"));
		outage("email", false, OutageImpact.FULL, "2027-03-02T10:00:00Z", "2027-03-02T11:00:00Z");
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> define(service("Web", "99", null)));
		assertThat(define(service("Email", "99.9", null)).revision()).as("the same list again").isEqualTo(1);
	}

	@Test
	void anOutageIsOfAKnownServiceEndsAfterItBeginsAndAnIncidentIsNotInTheFuture() {
		define(service("Email", "99.9", null));

		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> outage("Web", false, OutageImpact.FULL, "2027-03-02T10:00:00Z", null));
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> outage("Email", false, OutageImpact.FULL, "2027-03-02T10:00:00Z", "2027-03-02T09:00:00Z"))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("before the outage's start"));
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> outage("Email", false, OutageImpact.FULL, "2027-04-02T10:00:00Z", null));
		Outage planned = outage("Email", true, OutageImpact.FULL, "2027-04-02T10:00:00Z", "2027-04-02T11:00:00Z");
		assertThat(planned.service()).isEqualTo("Email");
		assertThat(lastEvent(OutageRecorded.class).planned()).isTrue();
	}

	@Test
	void anOngoingOutageIsEndedLaterAndPublishedAgain() {
		define(service("Email", "99.9", null));
		Outage ongoing = outage("Email", false, OutageImpact.PARTIAL, "2027-03-30T10:00:00Z", null);

		this.project.updateOutage(ongoing.id(), new Outage.Update(Instant.parse("2027-03-30T12:00:00Z"), null,
				"Certificate expired", OutageImpact.FULL), PAT, NOW);

		Outage ended = this.project.outage(ongoing.id());
		assertThat(ended.end()).isEqualTo(Instant.parse("2027-03-30T12:00:00Z"));
		assertThat(ended.revision()).isEqualTo(2);
		OutageUpdated event = lastEvent(OutageUpdated.class);
		assertThat(event.impact()).isEqualTo(OutageImpact.FULL);
		assertThat(event.cause()).isEqualTo("Certificate expired");
		assertThatExceptionOfType(RuleViolationException.class).isThrownBy(() -> this.project.updateOutage(ongoing.id(),
				new Outage.Update(Instant.parse("2027-03-29T12:00:00Z"), null, null, null), PAT, NOW));
	}

	@Test
	void availabilityCountsUnplannedFullOutagesOnceAndKeepsPlannedDowntimeApart() {
		define(service("Email", "99.9", null), service("Web", "99", null));
		// Two overlapping incidents: 10:00-11:00 and 10:30-11:30, 90 minutes out in all.
		outage("Email", false, OutageImpact.FULL, "2027-03-02T10:00:00Z", "2027-03-02T11:00:00Z");
		outage("Email", false, OutageImpact.FULL, "2027-03-02T10:30:00Z", "2027-03-02T11:30:00Z");
		outage("Email", false, OutageImpact.PARTIAL, "2027-03-03T10:00:00Z", "2027-03-03T20:00:00Z");
		outage("Email", true, OutageImpact.FULL, "2027-03-06T01:00:00Z", "2027-03-06T05:00:00Z");

		List<ServiceLevels.Level> levels = ServiceLevels.report(this.project.services(), this.project.outages(),
				Map.of(), MARCH, APRIL, Instant.parse("2027-04-05T00:00:00Z"));

		ServiceLevels.Level email = levels.get(0);
		assertThat(email.periodMinutes()).isEqualTo(31 * 24 * 60);
		assertThat(email.downtimeMinutes()).isEqualTo(90);
		assertThat(email.plannedDowntimeMinutes()).isEqualTo(240);
		assertThat(email.outages()).isEqualTo(4);
		// 1 - 90 / 44640 = 99.7983...%, rounded down.
		assertThat(email.availability()).isEqualByComparingTo("99.798");
		assertThat(email.breaches()).extracting(ServiceLevels.Breach::kind)
			.containsExactly(ServiceLevels.BreachKind.AVAILABILITY);
		ServiceLevels.Level web = levels.get(1);
		assertThat(web.availability()).isEqualByComparingTo("100");
		assertThat(web.breaches()).isEmpty();
	}

	@Test
	void aPeriodReachingIntoTheFutureIsMeasuredUpToNowAndAnOngoingOutageUntilNow() {
		define(service("Email", "99.9", null));
		outage("Email", false, OutageImpact.FULL, "2027-03-31T11:00:00Z", null);

		ServiceLevels.Level email = ServiceLevels
			.report(this.project.services(), this.project.outages(), Map.of(), MARCH, APRIL, NOW)
			.get(0);

		assertThat(email.periodMinutes()).isEqualTo(30 * 24 * 60 + 12 * 60);
		assertThat(email.downtimeMinutes()).isEqualTo(60);
		assertThat(ServiceLevels
			.report(this.project.services(), this.project.outages(), Map.of(), APRIL, APRIL.plusSeconds(86400), NOW)
			.get(0)
			.availability()).as("nothing of the period has passed").isNull();
	}

	@Test
	void aVendorRunServiceBreachesItsResponseAndResolutionTimes() {
		Vendor vendor = this.project.addVendor(new Vendor.Terms("Mail Host Ltd",
				new Person("Max", "max@mailhost.example"), null, null, new ServiceLevelTerms(30, 240, null)), null, PAT,
				NOW);
		define(service("Email", "98", vendor.id()));
		Outage slow = outage("Email", false, OutageImpact.FULL, "2027-03-02T10:00:00Z", "2027-03-02T16:00:00Z");
		this.project.updateOutage(slow.id(), new Outage.Update(null, Instant.parse("2027-03-02T11:00:00Z"), null, null),
				PAT, NOW);
		outage("Email", false, OutageImpact.FULL, "2027-03-03T10:00:00Z", "2027-03-03T10:45:00Z");
		outage("Email", false, OutageImpact.FULL, "2027-03-31T11:00:00Z", null);

		List<ServiceLevels.Breach> breaches = ServiceLevels
			.report(this.project.services(), this.project.outages(), Map.of(vendor.id(), vendor), MARCH, APRIL, NOW)
			.get(0)
			.breaches();

		assertThat(breaches).extracting(ServiceLevels.Breach::kind)
			.containsExactly(ServiceLevels.BreachKind.RESPONSE_TIME, ServiceLevels.BreachKind.RESOLUTION_TIME,
					ServiceLevels.BreachKind.RESPONSE_TIME);
		assertThat(breaches.get(0).outageId()).isEqualTo(slow.id());
		assertThat(breaches.get(0).detail()).contains("answered after 60 min").contains("30 min");
		assertThat(breaches.get(2).detail()).as("the open incident, unanswered for an hour")
			.contains("unanswered for 60 min");
	}

	private ServiceCatalogue define(ServiceTarget... services) {
		return this.project.defineServices(List.of(services), PAT, NOW);
	}

	private static ServiceTarget service(String name, String target, UUID vendorId) {
		return new ServiceTarget(name, new BigDecimal(target), vendorId);
	}

	private Outage outage(String service, boolean planned, OutageImpact impact, String start, String end) {
		return this.project.recordOutage(new Outage.Facts(service, planned, impact, Instant.parse(start),
				(end != null) ? Instant.parse(end) : null, null, null, null, null), null, PAT, NOW);
	}

	private <T extends Record> T lastEvent(Class<T> type) {
		List<OutboxEntry> events = this.project.registeredEvents();
		OutboxEntry last = events.get(events.size() - 1);
		assertThat(last.type()).isEqualTo(EventCatalog.typeOf(type));
		return EventJson.mapper().readValue(last.payload(), type);
	}

}
