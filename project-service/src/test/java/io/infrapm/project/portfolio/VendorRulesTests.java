package io.infrapm.project.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventCatalog;
import io.infrapm.contracts.project.Methodology;
import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.contracts.project.ProjectStatus;
import io.infrapm.contracts.project.ServiceLevelTerms;
import io.infrapm.contracts.project.VendorAdded;
import io.infrapm.contracts.project.VendorDeliverableLate;
import io.infrapm.contracts.project.VendorDeliverablePlanned;
import io.infrapm.contracts.project.VendorDeliverableReviewed;
import io.infrapm.contracts.project.VendorUpdated;
import io.infrapm.platform.events.EventJson;
import io.infrapm.platform.outbox.OutboxEntry;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The rules of a project's vendors on the aggregate: unique names, terms kept and
 * changed, deliverables owed until accepted, rejections that need a reason, and lateness
 * reported once per due date by the date watch.
 */
class VendorRulesTests {

	private static final Instant NOW = Instant.parse("2027-03-20T09:00:00Z");

	private static final Actor PAT = new Actor("pat", "pat@example.com", "Pat Manager");

	private static final ServiceLevelTerms SLA = new ServiceLevelTerms(240, 1440, new BigDecimal("99.9"));

	private final Project project = Project.initiate(
			new ProjectPlan("DC-1", "Data-centre move", ProjectCategory.DATA_CENTRE_MIGRATION, Methodology.WATERFALL,
					new Person("Pat Manager", "pat@example.com"), null, LocalDate.parse("2027-01-04"),
					LocalDate.parse("2027-06-30"), null),
			new Money(new BigDecimal("1000000"), "EUR"), List.of(), null, PAT, NOW);

	@Test
	void aVendorIsEngagedWithItsTermsAndPublished() {
		Vendor vendor = add("Rack & Stack Ltd");

		assertThat(vendor.revision()).isEqualTo(1);
		assertThat(vendor.contractReference()).isEqualTo("PO-4711");
		VendorAdded event = lastEvent(VendorAdded.class);
		assertThat(event.vendorId()).isEqualTo(vendor.id());
		assertThat(event.contact().email()).isEqualTo("vera@rackstack.example");
		assertThat(event.serviceLevels()).isEqualTo(SLA);
		assertThat(event.actor()).isEqualTo(PAT);
	}

	@Test
	void aVendorNameIsUsedOncePerProjectWhateverItsCase() {
		Vendor first = add("Rack & Stack Ltd");
		Vendor second = add("Fibre Co");

		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> add(" rack & stack ltd "))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("already a vendor"));
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.project.reviseVendor(second.id(), terms("RACK & STACK LTD"), PAT, NOW));
		assertThat(this.project.reviseVendor(first.id(), terms("Rack & Stack Ltd"), PAT, NOW).revision())
			.as("renaming to its own name changes nothing")
			.isEqualTo(1);
		assertThat(this.project.vendors()).hasSize(2);
	}

	@Test
	void aChangeKeepsWhatItDoesNotNameAndABlankClearsIt() {
		Vendor vendor = add("Rack & Stack Ltd");

		this.project.reviseVendor(vendor.id(), new Vendor.Terms(null, null, "", null, null), PAT, NOW);

		Vendor changed = this.project.vendor(vendor.id());
		assertThat(changed.phone()).isNull();
		assertThat(changed.contractReference()).isEqualTo("PO-4711");
		assertThat(changed.serviceLevels()).isEqualTo(SLA);
		assertThat(changed.revision()).isEqualTo(2);
		assertThat(lastEvent(VendorUpdated.class).revision()).isEqualTo(2);
	}

	@Test
	void aDeliverableIsOwedUntilAcceptedAndARejectionNeedsAReason() {
		Vendor vendor = add("Rack & Stack Ltd");
		Deliverable racks = plan(vendor, "Racks installed", "2027-03-10");
		assertThat(lastEvent(VendorDeliverablePlanned.class).previousDueDate()).isNull();

		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> review(vendor, racks, "2027-02-28", false, " "))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("why"));
		review(vendor, racks, "2027-02-28", false, "Two racks unlabelled");
		assertThat(this.project.vendor(vendor.id()).deliverable(racks.id()).status())
			.isEqualTo(DeliverableStatus.REJECTED);
		assertThat(lastEvent(VendorDeliverableReviewed.class).accepted()).isFalse();

		review(vendor, racks, "2027-03-12", true, null);
		Deliverable accepted = this.project.vendor(vendor.id()).deliverable(racks.id());
		assertThat(accepted.status()).isEqualTo(DeliverableStatus.ACCEPTED);
		assertThat(accepted.reviews()).hasSize(2);
		VendorDeliverableReviewed event = lastEvent(VendorDeliverableReviewed.class);
		assertThat(event.accepted()).isTrue();
		assertThat(event.late()).as("delivered after its due date").isTrue();
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> review(vendor, racks, "2027-03-12", true, null));
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> this.project.reviseDeliverable(vendor.id(),
				racks.id(), null, null, LocalDate.parse("2027-04-01"), PAT, NOW));
	}

	@Test
	void aDeliveryCannotBeInTheFutureAndUnknownIdsAreNotFound() {
		Vendor vendor = add("Rack & Stack Ltd");
		Deliverable racks = plan(vendor, "Racks installed", "2027-03-10");

		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> review(vendor, racks, "2027-03-25", true, null))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("future"));
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> this.project.vendor(java.util.UUID.randomUUID()));
		assertThatExceptionOfType(NotFoundException.class)
			.isThrownBy(() -> vendor.deliverable(java.util.UUID.randomUUID()));
	}

	@Test
	void aDeliverableNotAcceptedByItsDueDateIsReportedLateOncePerDueDate() {
		DueDates dueDates = new DueDates(List.of(7, 3, 1));
		Vendor vendor = add("Rack & Stack Ltd");
		Deliverable racks = plan(vendor, "Racks installed", "2027-03-10");

		assertThat(this.project.watchDates(dueDates, LocalDate.parse("2027-03-10"), NOW)).isZero();
		assertThat(this.project.datesNextCheck()).isEqualTo(LocalDate.parse("2027-03-11"));
		assertThat(this.project.watchDates(dueDates, LocalDate.parse("2027-03-13"), NOW)).isEqualTo(1);
		VendorDeliverableLate late = lastEvent(VendorDeliverableLate.class);
		assertThat(late.daysLate()).isEqualTo(3);
		assertThat(late.vendorName()).isEqualTo("Rack & Stack Ltd");
		assertThat(late.contact().email()).isEqualTo("vera@rackstack.example");
		assertThat(late.actor()).isEqualTo(Actor.service("project-service"));
		assertThat(this.project.vendor(vendor.id()).deliverable(racks.id()).late()).isTrue();
		assertThat(this.project.vendor(vendor.id()).revision()).as("the watch's bookkeeping is not an edit")
			.isEqualTo(2);
		assertThat(this.project.watchDates(dueDates, LocalDate.parse("2027-03-14"), NOW)).isZero();

		this.project.reviseDeliverable(vendor.id(), racks.id(), null, null, LocalDate.parse("2027-03-20"), PAT, NOW);
		assertThat(lastEvent(VendorDeliverablePlanned.class).previousDueDate())
			.isEqualTo(LocalDate.parse("2027-03-10"));
		assertThat(this.project.vendor(vendor.id()).deliverable(racks.id()).late()).isFalse();
		review(vendor, racks, "2027-02-28", true, null);
		assertThat(this.project.watchDates(dueDates, LocalDate.parse("2027-03-25"), NOW)).isZero();
		assertThat(this.project.datesNextCheck()).isNull();
	}

	@Test
	void aClosedOrCancelledProjectsVendorsNoLongerChange() {
		Vendor vendor = add("Rack & Stack Ltd");
		this.project.changeStatus(ProjectStatus.CANCELLED, "merged into another programme", PAT, NOW);

		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> add("Fibre Co"));
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> plan(vendor, "Racks installed", "2027-03-10"));
	}

	private Vendor add(String name) {
		return this.project.addVendor(terms(name), null, PAT, NOW);
	}

	private static Vendor.Terms terms(String name) {
		return new Vendor.Terms(name, new Person("Vera Vendor", "vera@rackstack.example"), "+44 20 7946 0000",
				"PO-4711", SLA);
	}

	private Deliverable plan(Vendor vendor, String name, String due) {
		return this.project.planDeliverable(vendor.id(), name, null, LocalDate.parse(due), null, PAT, NOW);
	}

	private void review(Vendor vendor, Deliverable deliverable, String on, boolean accepted, String notes) {
		this.project.reviewDeliverable(vendor.id(), deliverable.id(), LocalDate.parse(on), accepted, notes, PAT, NOW);
	}

	private <T extends Record> T lastEvent(Class<T> type) {
		List<OutboxEntry> events = this.project.registeredEvents();
		OutboxEntry last = events.get(events.size() - 1);
		assertThat(last.type()).isEqualTo(EventCatalog.typeOf(type));
		return EventJson.mapper().readValue(last.payload(), type);
	}

}
