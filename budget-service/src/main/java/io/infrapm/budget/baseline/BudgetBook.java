package io.infrapm.budget.baseline;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;

import io.infrapm.contracts.budget.CostKind;
import io.infrapm.contracts.budget.EacMethod;
import io.infrapm.contracts.project.ChangeCategory;
import io.infrapm.contracts.project.ChangeRequestDecided;
import io.infrapm.contracts.project.GateDecision;
import io.infrapm.contracts.project.ProgressReported;
import io.infrapm.platform.idempotency.EventIdempotency;
import io.infrapm.platform.messaging.HandlingOutcome;
import io.infrapm.platform.messaging.IncomingEvent;
import io.infrapm.platform.messaging.UnknownAggregateException;
import io.infrapm.platform.outbox.Aggregates;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.security.ProjectMemberships;
import io.infrapm.platform.web.ETags;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The budgets of all projects: established when a project is created, read by project,
 * planned in lines and charged with costs by the project's manager, frozen when the
 * project ends.
 */
@Service
public class BudgetBook {

	private static final Logger log = LoggerFactory.getLogger(BudgetBook.class);

	/** The longest S-curve answered, in months. */
	static final int MAX_CURVE_MONTHS = 600;

	private final BudgetRepository budgets;

	private final MongoOperations mongo;

	private final Clock clock;

	private final Aggregates aggregates;

	private final ProjectMemberships memberships;

	private final CostLedger ledger;

	private final EarnedValueSettings settings;

	private final ApplicationEventPublisher events;

	BudgetBook(BudgetRepository budgets, MongoOperations mongo, Clock clock, Aggregates aggregates,
			ProjectMemberships memberships, CostLedger ledger, EarnedValueSettings settings,
			ApplicationEventPublisher events) {
		this.budgets = budgets;
		this.mongo = mongo;
		this.clock = clock;
		this.aggregates = aggregates;
		this.memberships = memberships;
		this.ledger = ledger;
		this.settings = settings;
		this.events = events;
	}

	/**
	 * Freezes a project's budget when the project is closed or cancelled, once and in the
	 * project's order.
	 * @param event the project's {@code ProjectClosed} or {@code ProjectCancelled}
	 * @param projectId the project
	 * @return what happened
	 */
	public HandlingOutcome freeze(IncomingEvent<?> event, UUID projectId) {
		return changed(projectId, EventIdempotency.applyInOrder(this.mongo,
				Query.query(Criteria.where("_id").is(projectId)), event, Budget.freeze(), Budget.class));
	}

	/**
	 * Establishes a project's budget, once: a second delivery finds the project's budget
	 * already there and changes nothing.
	 * @param cause the id of the event that created the project
	 * @param projectId the project
	 * @param code the project's code
	 * @param name the project's name
	 * @param amount the approved amount (BAC)
	 * @param currency its currency
	 * @param plannedStart the project's planned start, or {@code null}
	 * @param plannedFinish its planned finish, or {@code null}
	 * @return what happened
	 */
	public HandlingOutcome establish(UUID cause, UUID projectId, String code, String name, BigDecimal amount,
			String currency, LocalDate plannedStart, LocalDate plannedFinish) {
		return changed(projectId, EventIdempotency.insertOnce(this.mongo, Budget.establish(cause, projectId, code, name,
				amount, currency, plannedStart, plannedFinish, this.clock.instant())));
	}

	/**
	 * Rebaselines a project's budget on an approved {@code COST} change request, once: a
	 * redelivery, or a decision of another category or outcome, changes nothing.
	 * @param event the project's {@code ChangeRequestDecided}
	 * @return what happened
	 */
	public HandlingOutcome rebaseline(IncomingEvent<ChangeRequestDecided> event) {
		ChangeRequestDecided decided = event.data();
		return onEvent(event, decided.projectId(), (budget, now) -> {
			if (decided.category() != ChangeCategory.COST || decided.decision() != GateDecision.APPROVED
					|| decided.costImpact() == null || decided.costImpact().signum() == 0) {
				return false;
			}
			if (budget.frozen()) {
				log.warn("Change request {} of project {} was approved after the budget was frozen; BAC stays",
						decided.number(), decided.projectId());
				return false;
			}
			if (decided.currency() != null && !decided.currency().equals(budget.currency())) {
				log.warn("Change request {} of project {} is in {}, the budget in {}; BAC stays", decided.number(),
						decided.projectId(), decided.currency(), budget.currency());
				return false;
			}
			try {
				budget.rebaseline(decided.changeRequestId(), decided.number(), decided.title(), decided.costImpact(),
						decided.decidedAt(), decided.actor(), now);
			}
			catch (IllegalArgumentException ex) {
				log.warn("Change request {} of project {} does not rebaseline the budget: {}", decided.number(),
						decided.projectId(), ex.getMessage());
				return false;
			}
			budget.measure(this.settings, decided.actor(), now);
			return true;
		});
	}

	/**
	 * Takes in a progress report, once, and publishes the earned value as of its date.
	 * @param event the project's {@code ProgressReported}
	 * @return what happened
	 */
	public HandlingOutcome reportProgress(IncomingEvent<ProgressReported> event) {
		ProgressReported reported = event.data();
		return onEvent(event, reported.projectId(), (budget, now) -> {
			if (budget.frozen() || reported.asOf() == null || reported.percentComplete() == null) {
				return false;
			}
			budget.reportProgress(new ProgressPoint(reported.reportId(), reported.percentComplete(),
					reported.reportedAt(), reported.actor()), reported.asOf(), this.settings, now);
			budget.measure(this.settings, reported.actor(), now);
			return true;
		});
	}

	/**
	 * A project's earned value as of a day.
	 * @param projectId the project
	 * @param asOf the day, or {@code null} for today
	 * @param method how EAC is forecast, or {@code null} for the configured method
	 * @return the budget and its earned value
	 */
	public Valued earnedValue(UUID projectId, LocalDate asOf, EacMethod method) {
		Budget budget = of(projectId);
		LocalDate day = (asOf != null) ? asOf : LocalDate.ofInstant(this.clock.instant(), this.clock.getZone());
		return new Valued(budget, budget.earnedValue(day, (method != null) ? method : this.settings.method()));
	}

	/**
	 * One page of a project's S-curve: PV, EV and AC month by month, from the first month
	 * the project plans, spends or reports in to the last.
	 * @param projectId the project
	 * @param from the first month, or {@code null} for the project's first
	 * @param to the last month, or {@code null} for the project's last
	 * @param page the page, from 0
	 * @param size the months per page
	 * @return the page of months and how many months there are
	 */
	public Curve curve(UUID projectId, YearMonth from, YearMonth to, int page, int size) {
		Budget budget = of(projectId);
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), this.clock.getZone());
		YearMonth first = (from != null) ? from : budget.firstMonth(today);
		YearMonth last = (to != null) ? to : budget.lastMonth(today);
		if (last.isBefore(first)) {
			throw new RuleViolationException("to", "the last month " + last + " is before the first " + first);
		}
		long months = ChronoUnit.MONTHS.between(first, last) + 1;
		if (months > MAX_CURVE_MONTHS) {
			throw new RuleViolationException("from",
					"a curve spans at most " + MAX_CURVE_MONTHS + " months; this one would span " + months);
		}
		List<CurvePoint> points = new ArrayList<>();
		for (long i = (long) page * size; i < Math.min(months, (long) (page + 1) * size); i++) {
			YearMonth month = first.plusMonths(i);
			LocalDate end = month.atEndOfMonth();
			if (month.atDay(1).isAfter(today)) {
				points.add(new CurvePoint(month, end, budget.plannedValue(end), null));
			}
			else {
				LocalDate asOf = end.isAfter(today) ? today : end;
				EarnedValue value = budget.earnedValue(asOf, this.settings.method());
				points.add(new CurvePoint(month, asOf, value.plannedValue(), value));
			}
		}
		return new Curve(budget, points, months);
	}

	/**
	 * The configured EAC method.
	 * @return the method a request that names none gets
	 */
	public EacMethod defaultMethod() {
		return this.settings.method();
	}

	/**
	 * Applies an event's effect on a budget, once, in the same write as the record that
	 * it was applied, and again on a fresh budget if another writer came in between.
	 */
	private HandlingOutcome onEvent(IncomingEvent<?> event, UUID projectId,
			BiFunction<Budget, Instant, Boolean> effect) {
		for (int attempt = 1;; attempt++) {
			Budget budget = this.budgets.findById(projectId)
				.orElseThrow(() -> new UnknownAggregateException("no budget is known for project " + projectId));
			if (!budget.isNew(event)) {
				return HandlingOutcome.DUPLICATE;
			}
			boolean applied = effect.apply(budget, this.clock.instant());
			budget.applied(event);
			try {
				this.aggregates.update(budget);
				return changed(projectId, applied ? HandlingOutcome.APPLIED : HandlingOutcome.IGNORED);
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt == 5) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Keeps the copy of a project's name, code and planned dates current: an older or
	 * repeated revision changes nothing.
	 * @param projectId the project
	 * @param revision the project's revision the values are of
	 * @param code the code
	 * @param name the new name
	 * @param plannedStart the planned start
	 * @param plannedFinish the planned finish
	 * @return what happened
	 * @throws io.infrapm.platform.messaging.UnknownAggregateException if no budget is
	 * known for the project yet
	 */
	public HandlingOutcome renameProject(UUID projectId, long revision, String code, String name,
			LocalDate plannedStart, LocalDate plannedFinish) {
		return changed(projectId,
				EventIdempotency.applyIfNewer(this.mongo, Query.query(Criteria.where("_id").is(projectId)),
						Budget.PROJECT_REVISION, revision, Budget.renamed(code, name, plannedStart, plannedFinish),
						Budget.class));
	}

	/**
	 * A project's budget.
	 * @param projectId the project
	 * @return the budget
	 * @throws NotFoundException if no budget was established for it
	 */
	public Budget of(UUID projectId) {
		return this.budgets.findById(projectId)
			.orElseThrow(() -> new NotFoundException(null, "no budget is known for project " + projectId));
	}

	/**
	 * Adds a line to a project's budget.
	 * @param projectId the project
	 * @param plan what it plans
	 * @param caller its manager or a portfolio manager
	 * @return the line and the budget after the change
	 */
	public Change<BudgetLine> planLine(UUID projectId, BudgetLine.Plan plan, Caller caller) {
		return change(projectId, null, caller, (budget, now) -> budget.planLine(plan, caller.actor(), now));
	}

	/**
	 * Revises a line.
	 * @param projectId the project
	 * @param lineId the line
	 * @param ifMatch the budget's ETag the client last saw, or {@code null}
	 * @param revision what changes
	 * @param caller its manager or a portfolio manager
	 * @return the line and the budget after the change
	 */
	public Change<BudgetLine> reviseLine(UUID projectId, UUID lineId, String ifMatch, BudgetLine.Revision revision,
			Caller caller) {
		return change(projectId, ifMatch, caller,
				(budget, now) -> budget.reviseLine(lineId, revision, caller.actor(), now));
	}

	/**
	 * Closes a line.
	 * @param projectId the project
	 * @param lineId the line
	 * @param caller its manager or a portfolio manager
	 * @return the line and the budget after the change
	 */
	public Change<BudgetLine> closeLine(UUID projectId, UUID lineId, Caller caller) {
		return change(projectId, null, caller, (budget, now) -> budget.closeLine(lineId, caller.actor(), now));
	}

	/**
	 * Sets a project's thresholds.
	 * @param projectId the project
	 * @param ifMatch the budget's ETag the client last saw, or {@code null}
	 * @param percents the thresholds in percent of BAC
	 * @param caller its manager or a portfolio manager
	 * @return the budget after the change
	 */
	public Budget setThresholds(UUID projectId, String ifMatch, List<Integer> percents, Caller caller) {
		return change(projectId, ifMatch, caller, (budget, now) -> {
			budget.setThresholds(percents);
			return budget;
		}).budget();
	}

	/**
	 * Records a cost entry, once per idempotency key, and refuses a second entry with the
	 * same vendor and reference. A cost in another currency than the budget's needs an
	 * exchange rate, which is kept with it.
	 * @param projectId the project
	 * @param entry what is recorded
	 * @param idempotencyKey the client's key, or {@code null}
	 * @param caller its manager or a portfolio manager
	 * @return the entry, and whether an earlier request with the key recorded it
	 */
	public Recorded record(UUID projectId, NewCost entry, String idempotencyKey, Caller caller) {
		UUID costId = (idempotencyKey != null)
				? UUID.nameUUIDFromBytes(("cost/" + projectId + "/" + idempotencyKey).getBytes(StandardCharsets.UTF_8))
				: UUID.randomUUID();
		Change<Cost> change;
		try {
			change = change(projectId, null, caller, (budget, now) -> {
				Cost earlier = find(budget, costId);
				if (earlier != null) {
					throw new Replay(earlier);
				}
				requireNoDuplicate(budget, entry);
				if (entry.commitmentId() != null) {
					Cost commitment = find(budget, entry.commitmentId());
					if (commitment == null || commitment.kind() != CostKind.COMMITMENT
							|| commitment.reversesCostId() != null) {
						throw new RuleViolationException("commitmentId",
								"no commitment " + entry.commitmentId() + " in this budget");
					}
					if (entry.kind() != CostKind.ACTUAL) {
						throw new RuleViolationException("commitmentId", "only an actual cost invoices a commitment");
					}
				}
				return budget.record(entry.toCost(costId, budget), caller.actor(), now);
			});
		}
		catch (Replay replay) {
			if (!entry.sameAs(replay.earlier)) {
				throw new RuleViolationException("Idempotency-Key",
						"the key was used before for another cost; use a new key for a new cost");
			}
			return new Recorded(replay.earlier, of(projectId), true);
		}
		this.ledger.flush(projectId);
		return new Recorded(change.result(), change.budget(), false);
	}

	/**
	 * Reverses a cost entry with a reversing entry of the opposite amount; an entry is
	 * reversed once, and a reversal is not reversed.
	 * @param projectId the project
	 * @param costId the entry
	 * @param reason why
	 * @param reversedOn the day of the correction, or {@code null} for today
	 * @param caller its manager or a portfolio manager
	 * @return the reversing entry, and whether an earlier request made it
	 */
	public Recorded reverse(UUID projectId, UUID costId, String reason, LocalDate reversedOn, Caller caller) {
		UUID reversalId = UUID.nameUUIDFromBytes(("reversal/" + costId).getBytes(StandardCharsets.UTF_8));
		Change<Cost> change;
		try {
			change = change(projectId, null, caller, (budget, now) -> {
				Cost original = find(budget, costId);
				if (original == null) {
					throw new NotFoundException("costId", "no cost " + costId + " in this budget");
				}
				if (original.reversesCostId() != null) {
					throw new RuleViolationException("costId", "a reversing entry is not reversed; record a new cost");
				}
				Cost earlier = find(budget, reversalId);
				if (earlier != null) {
					throw new Replay(earlier);
				}
				LocalDate day = (reversedOn != null) ? reversedOn : LocalDate.ofInstant(now, this.clock.getZone());
				return budget.record(new Cost(reversalId, projectId, original.kind(), original.amount().negate(), null,
						original.category(), original.expenditureType(), original.lineId(), day, original.vendor(),
						original.vendorKey(), original.reference(), reason.strip(), original.commitmentId(),
						original.relieved(), costId, null, null), caller.actor(), now);
			});
		}
		catch (Replay replay) {
			throw new ConflictException("costId", "cost " + costId + " was reversed already by " + replay.earlier.id());
		}
		this.ledger.flush(projectId);
		return new Recorded(change.result(), change.budget(), false);
	}

	/**
	 * A project's cost entries, newest first, narrowed by kind and day.
	 * @param projectId the project
	 * @param kind actual or commitment, or {@code null} for both
	 * @param from the first day, or {@code null}
	 * @param to the last day, or {@code null}
	 * @param page the page, from 0
	 * @param size its size
	 * @return the page of entries and how many there are
	 */
	public CostPage costs(UUID projectId, CostKind kind, LocalDate from, LocalDate to, int page, int size) {
		this.ledger.flush(projectId);
		Criteria criteria = Criteria.where("projectId").is(projectId);
		if (kind != null) {
			criteria = criteria.and("kind").is(kind);
		}
		if (from != null || to != null) {
			Criteria day = criteria.and("incurredOn");
			if (from != null) {
				day = day.gte(from);
			}
			if (to != null) {
				day = day.lte(to);
			}
		}
		Query query = Query.query(criteria);
		long total = this.mongo.count(query, Cost.class);
		List<Cost> items = this.mongo
			.find(query.with(Sort.by(Sort.Order.desc("incurredOn"), Sort.Order.desc("recordedAt")))
				.skip((long) page * size)
				.limit(size), Cost.class);
		return new CostPage(items, total);
	}

	/**
	 * One cost entry.
	 * @param projectId the project
	 * @param costId the entry
	 * @return the entry
	 */
	public Cost cost(UUID projectId, UUID costId) {
		Cost cost = find(of(projectId), costId);
		if (cost == null) {
			throw new NotFoundException("costId", "no cost " + costId + " in this budget");
		}
		return cost;
	}

	private Cost find(Budget budget, UUID costId) {
		Cost waiting = budget.newCost(costId);
		if (waiting != null) {
			return waiting;
		}
		Cost cost = this.mongo.findById(costId, Cost.class);
		return (cost != null && cost.projectId().equals(budget.projectId())) ? cost : null;
	}

	private void requireNoDuplicate(Budget budget, NewCost entry) {
		if (entry.reference() == null) {
			return;
		}
		String vendorKey = Cost.keyOf(entry.vendor());
		boolean waiting = budget.newCosts().stream().anyMatch((c) -> c.sameDocument(vendorKey, entry.reference()));
		boolean booked = this.mongo.exists(Query.query(Criteria.where("projectId")
			.is(budget.projectId())
			.and("vendorKey")
			.is(vendorKey)
			.and("reference")
			.is(entry.reference())
			.and("reversesCostId")
			.is(null)), Cost.class);
		if (waiting || booked) {
			throw new ConflictException("reference", "a cost with reference '" + entry.reference() + "'"
					+ ((entry.vendor() != null) ? " from " + entry.vendor() : "") + " is already recorded");
		}
	}

	/**
	 * Applies a change to a budget under its version: with {@code If-Match}, only to the
	 * version the client saw; without, again to a fresh budget if another writer came in
	 * between. The manager's or a portfolio manager's only.
	 */
	private <T> Change<T> change(UUID projectId, String ifMatch, Caller caller, BiFunction<Budget, Instant, T> change) {
		this.memberships.accessOf(projectId, caller).requireBudgetManage();
		for (int attempt = 1;; attempt++) {
			Budget budget = of(projectId);
			if (ifMatch != null) {
				ETags.requireCurrent(ifMatch, budget.version());
			}
			Instant now = this.clock.instant();
			T result = change.apply(budget, now);
			budget.measure(this.settings, caller.actor(), now);
			try {
				Change<T> done = new Change<>(result, this.aggregates.update(budget));
				changed(projectId, HandlingOutcome.APPLIED);
				return done;
			}
			catch (OptimisticLockingFailureException ex) {
				if (ifMatch != null || attempt == 5) {
					throw ex;
				}
			}
		}
	}

	/**
	 * Tells the service that a budget was written (or that an event found it already
	 * changed: a copy a crash left behind is then brought up to date).
	 */
	private HandlingOutcome changed(UUID projectId, HandlingOutcome outcome) {
		this.events.publishEvent(new BudgetChanged(projectId));
		return outcome;
	}

	/**
	 * What a change returned, and the budget after it.
	 *
	 * @param <T> what it returned
	 * @param result what it returned
	 * @param budget the budget after it
	 */
	public record Change<T>(T result, Budget budget) {
	}

	/**
	 * A cost entry recorded.
	 *
	 * @param cost the entry
	 * @param budget the budget after it
	 * @param replayed whether an earlier request with the same key recorded it
	 */
	public record Recorded(Cost cost, Budget budget, boolean replayed) {
	}

	/**
	 * A budget and its earned value on a day.
	 *
	 * @param budget the budget
	 * @param value the earned value
	 */
	public record Valued(Budget budget, EarnedValue value) {
	}

	/**
	 * One month of an S-curve.
	 *
	 * @param month the month
	 * @param asOf the day its figures hold for: its end, or today for the month under way
	 * @param plannedValue PV by then
	 * @param value the earned value by then, or {@code null} for a month to come
	 */
	public record CurvePoint(YearMonth month, LocalDate asOf, BigDecimal plannedValue, EarnedValue value) {
	}

	/**
	 * A page of an S-curve.
	 *
	 * @param budget the budget
	 * @param points the months of the page
	 * @param months how many months the whole curve has
	 */
	public record Curve(Budget budget, List<CurvePoint> points, long months) {
	}

	/**
	 * A page of cost entries.
	 *
	 * @param items the entries
	 * @param total how many match
	 */
	public record CostPage(List<Cost> items, long total) {
	}

	/** An entry recorded before under the same key. */
	private static final class Replay extends RuntimeException {

		private final transient Cost earlier;

		Replay(Cost earlier) {
			super(null, null, false, false);
			this.earlier = earlier;
		}

	}

}
