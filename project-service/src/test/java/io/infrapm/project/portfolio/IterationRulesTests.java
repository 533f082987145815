package io.infrapm.project.portfolio;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.EventCatalog;
import io.infrapm.contracts.project.IterationCompleted;
import io.infrapm.contracts.project.IterationPlanned;
import io.infrapm.contracts.project.Methodology;
import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.platform.events.EventJson;
import io.infrapm.platform.outbox.OutboxEntry;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.RuleViolationException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Iterations on the aggregate: agile and hybrid projects only, numbered, never
 * overlapping, changed until completed, completed once begun.
 */
class IterationRulesTests {

	private static final Instant NOW = Instant.parse("2027-03-20T09:00:00Z");

	private static final Actor PAT = new Actor("pat", "pat@example.com", "Pat Manager");

	private final Project project = project(Methodology.AGILE);

	@Test
	void aWaterfallProjectHasNoIterations() {
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> project(Methodology.WATERFALL).planIteration(plan("Sprint 1", "2027-03-01", "2027-03-14"),
					null, PAT, NOW))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("waterfall"));
		assertThat(
				project(Methodology.HYBRID).planIteration(plan("Sprint 1", "2027-03-01", "2027-03-14"), null, PAT, NOW)
					.number())
			.isEqualTo(1);
	}

	@Test
	void iterationsAreNumberedAndFollowOneAnother() {
		Iteration first = this.project.planIteration(plan("Sprint 1", "2027-03-01", "2027-03-14"), null, PAT, NOW);
		Iteration second = this.project.planIteration(plan("Sprint 2", "2027-03-15", "2027-03-28"), null, PAT, NOW);

		assertThat(second.number()).isEqualTo(2);
		IterationPlanned event = lastEvent(IterationPlanned.class);
		assertThat(event.number()).isEqualTo(2);
		assertThat(event.plannedAt()).isEqualTo(NOW);
		assertThat(event.committedPoints()).isEqualByComparingTo("40");
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> this.project.planIteration(plan("Sprint 3", "2027-03-28", "2027-04-10"), null, PAT, NOW))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("overlaps 'Sprint 2'"));
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> this.project.planIteration(plan("Sprint 3", "2027-04-10", "2027-04-01"), null, PAT, NOW));
		assertThatExceptionOfType(RuleViolationException.class)
			.isThrownBy(() -> this.project.reviseIteration(first.id(),
					new Iteration.Plan(null, null, LocalDate.parse("2027-03-15"), null, null), PAT, NOW));
		assertThat(this.project.iterations()).hasSize(2);
	}

	@Test
	void anIterationChangesUntilCompletedAndIsCompletedOnceBegun() {
		Iteration sprint = this.project.planIteration(plan("Sprint 1", "2027-03-15", "2027-03-28"), null, PAT, NOW);
		Iteration later = this.project.planIteration(plan("Sprint 2", "2027-04-12", "2027-04-25"), null, PAT, NOW);

		this.project.reviseIteration(sprint.id(), new Iteration.Plan(null, null, null, "Racks live", null), PAT, NOW);
		assertThat(this.project.iteration(sprint.id()).revision()).isEqualTo(2);
		assertThat(lastEvent(IterationPlanned.class).goal()).isEqualTo("Racks live");
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.project.completeIteration(later.id(), outcome(), PAT, NOW))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("once it has begun"));

		this.project.completeIteration(sprint.id(), outcome(), PAT, NOW);
		Iteration done = this.project.iteration(sprint.id());
		assertThat(done.completed()).isTrue();
		assertThat(done.completedItems()).containsExactly("Rack A", "Rack B");
		IterationCompleted completed = lastEvent(IterationCompleted.class);
		assertThat(completed.completedPoints()).isEqualByComparingTo("34");
		assertThat(completed.committedPoints()).isEqualByComparingTo("40");
		assertThat(completed.actor()).isEqualTo(PAT);
		assertThatExceptionOfType(ConflictException.class)
			.isThrownBy(() -> this.project.completeIteration(sprint.id(), outcome(), PAT, NOW));
		assertThatExceptionOfType(ConflictException.class).isThrownBy(() -> this.project.reviseIteration(sprint.id(),
				new Iteration.Plan("Renamed", null, null, null, null), PAT, NOW));
	}

	private static Project project(Methodology methodology) {
		return Project.initiate(
				new ProjectPlan("NW-1", "Campus network", ProjectCategory.NETWORK_ROLLOUT, methodology,
						new Person("Pat Manager", "pat@example.com"), null, LocalDate.parse("2027-01-04"),
						LocalDate.parse("2027-06-30"), null),
				new Money(new BigDecimal("1000000"), "EUR"), List.of(), null, PAT, NOW);
	}

	private static Iteration.Plan plan(String name, String start, String end) {
		return new Iteration.Plan(name, LocalDate.parse(start), LocalDate.parse(end), null, new BigDecimal("40.00"));
	}

	private static Iteration.Outcome outcome() {
		return new Iteration.Outcome("Two of three racks live", new BigDecimal("34"), List.of(" Rack A ", "Rack B"));
	}

	private <T extends Record> T lastEvent(Class<T> type) {
		List<OutboxEntry> events = this.project.registeredEvents();
		OutboxEntry last = events.get(events.size() - 1);
		assertThat(last.type()).isEqualTo(EventCatalog.typeOf(type));
		return EventJson.mapper().readValue(last.payload(), type);
	}

}
