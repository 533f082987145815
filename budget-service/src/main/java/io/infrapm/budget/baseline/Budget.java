package io.infrapm.budget.baseline;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.budget.CostCategory;
import io.infrapm.contracts.budget.CostKind;
import io.infrapm.contracts.budget.EacMethod;
import io.infrapm.contracts.budget.ExpenditureType;
import io.infrapm.platform.idempotency.EventIdempotency;
import io.infrapm.platform.messaging.IncomingEvent;
import io.infrapm.platform.outbox.AggregateRoot;
import io.infrapm.platform.problem.ConflictException;
import io.infrapm.platform.problem.NotFoundException;
import io.infrapm.platform.problem.RuleViolationException;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Update;

/**
 * A project's budget. Established once, from the amount approved when the project was
 * created, which becomes its budget at completion (BAC). One per project: the project id
 * is the document id, so establishing it twice is impossible.
 * <p>
 * It holds the budget lines and the running totals of the project's costs (actual,
 * committed, by category, by CapEx/OpEx, by month), which every cost entry changes in the
 * same write that accepts it, together with the thresholds it crossed and the events it
 * causes: so the totals are kept, never recomputed, and a threshold is published once.
 * The entry itself waits in {@code newCosts} until {@link CostLedger} has moved it to the
 * ledger. A closed or cancelled project's budget is frozen.
 */
@Document("budgets")
public class Budget extends AggregateRoot {

	/** The revision of the project that the copied code and name reflect. */
	static final String PROJECT_REVISION = "projectRevision";

	@Id
	private UUID projectId;

	private UUID budgetId;

	private String projectCode;

	private String projectName;

	private BigDecimal budgetAtCompletion;

	private String currency;

	private Instant establishedAt;

	private long projectRevision;

	/** The project's planned start, over which the unspread part of BAC is planned. */
	private LocalDate plannedStart;

	/** The project's planned finish. */
	private LocalDate plannedFinish;

	/** Every baseline, the first one first. */
	private List<Baseline> baselines = new ArrayList<>();

	private List<BudgetLine> lines = new ArrayList<>();

	private BigDecimal actual;

	private BigDecimal committed;

	private Map<CostCategory, Figures> byCategory = new EnumMap<>(CostCategory.class);

	private Map<ExpenditureType, Figures> byType = new EnumMap<>(ExpenditureType.class);

	/** Actual costs per day ({@code 2027-03-31}), for earned value and the S-curve. */
	private TreeMap<String, BigDecimal> actualByDay = new TreeMap<>();

	/** The percent complete reported per day, for earned value. */
	private TreeMap<String, ProgressPoint> progress = new TreeMap<>();

	/** The performance as of the latest progress report; {@code null} before one. */
	private Measurement measurement;

	/** The last sequence number applied, per subject of the events that change it. */
	private Map<String, Long> appliedSequences = new LinkedHashMap<>();

	/** The open amount of each commitment not fully invoiced, by its id. */
	private Map<String, BigDecimal> openCommitments = new LinkedHashMap<>();

	/** The thresholds, in percent of BAC; {@code null} for the defaults. */
	private List<Integer> thresholds;

	private List<Integer> crossed = new ArrayList<>();

	/** Entries accepted here and not yet in the ledger. */
	private List<Cost> newCosts = new ArrayList<>();

	/**
	 * Since when {@code newCosts} waits, for the ledger's sweep; {@code null} if empty.
	 */
	@Indexed(sparse = true)
	private Instant newCostsSince;

	private boolean frozen;

	Budget() {
		// for the mapping layer
	}

	/**
	 * Establishes a project's budget, from the project's creation.
	 * @param cause the id of the event that created the project; the budget's own event
	 * id is derived from it
	 * @param projectId the project
	 * @param projectCode the project's code, kept for display
	 * @param projectName the project's name, kept for display
	 * @param budgetAtCompletion the approved amount
	 * @param currency its ISO 4217 code
	 * @param plannedStart the project's planned start, or {@code null}
	 * @param plannedFinish the project's planned finish, or {@code null}
	 * @param now when
	 * @return the budget
	 */
	static Budget establish(UUID cause, UUID projectId, String projectCode, String projectName,
			BigDecimal budgetAtCompletion, String currency, LocalDate plannedStart, LocalDate plannedFinish,
			Instant now) {
		if (budgetAtCompletion == null || budgetAtCompletion.signum() < 0) {
			throw new IllegalArgumentException("The budget at completion must be zero or more");
		}
		Budget budget = new Budget();
		budget.projectId = Objects.requireNonNull(projectId, "projectId");
		budget.budgetId = UUID.nameUUIDFromBytes(("budget/" + projectId).getBytes(StandardCharsets.UTF_8));
		budget.projectCode = projectCode;
		budget.projectName = projectName;
		budget.currency = Objects.requireNonNull(currency, "currency");
		budget.budgetAtCompletion = budgetAtCompletion.setScale(Amounts.scaleOf(currency), RoundingMode.HALF_EVEN);
		budget.establishedAt = now;
		budget.plannedStart = plannedStart;
		budget.plannedFinish = plannedFinish;
		budget.baselines.add(new Baseline(1, budget.budgetAtCompletion, BigDecimal.ZERO,
				(plannedStart != null) ? plannedStart : LocalDate.ofInstant(now, ZoneOffset.UTC), null, null, null, now,
				BudgetEvents.SERVICE));
		budget.registerEvent(EventIdempotency.derivedId(cause, "BudgetEstablished"), BudgetEvents.established(budget),
				projectId, budget.budgetId, now);
		return budget;
	}

	/**
	 * Adds a line.
	 * @param plan what it plans, amounts in the budget's currency
	 * @param actor who adds it
	 * @param now when
	 * @return the new line
	 */
	BudgetLine planLine(BudgetLine.Plan plan, Actor actor, Instant now) {
		requireOpen();
		BudgetLine line = BudgetLine.of(exactPlan(plan), actor, now);
		this.lines.add(line);
		linesChanged();
		registerEvent(BudgetEvents.linePlanned(this, line, actor, now), this.projectId, line.id(), now);
		return line;
	}

	/**
	 * Revises a line.
	 * @param lineId the line
	 * @param revision what changes
	 * @param actor who changes it
	 * @param now when
	 * @return the line after the change
	 */
	BudgetLine reviseLine(UUID lineId, BudgetLine.Revision revision, Actor actor, Instant now) {
		requireOpen();
		BudgetLine line = line(lineId);
		if (line.closed()) {
			throw new ConflictException(null, "line '" + line.name() + "' is closed");
		}
		BigDecimal before = line.planned();
		BudgetLine.Revision exact = new BudgetLine.Revision(revision.name(),
				(revision.planned() != null) ? Amounts.exact("plannedAmount", revision.planned(), this.currency) : null,
				(revision.months() != null) ? exactMonths(revision.months()) : null);
		if (line.revise(exact, actor, now)) {
			linesChanged();
			registerEvent(BudgetEvents.lineRevised(this, line, before, actor, now), this.projectId, line.id(), now);
		}
		return line;
	}

	/**
	 * Closes a line: it takes no more costs, and what it did not spend is a saving.
	 * @param lineId the line
	 * @param actor who closes it
	 * @param now when
	 * @return the line
	 */
	BudgetLine closeLine(UUID lineId, Actor actor, Instant now) {
		requireOpen();
		BudgetLine line = line(lineId);
		if (line.close(actor, now)) {
			linesChanged();
			registerEvent(BudgetEvents.lineRevised(this, line, line.planned(), actor, now), this.projectId, line.id(),
					now);
		}
		return line;
	}

	/**
	 * Sets the project's thresholds.
	 * @param percents the thresholds in percent of BAC, each from 1 to 200
	 */
	void setThresholds(List<Integer> percents) {
		requireOpen();
		List<Integer> sorted = percents.stream().distinct().sorted().toList();
		if (sorted.stream().anyMatch((p) -> p < 1 || p > 200)) {
			throw new RuleViolationException("percents", "each threshold must be from 1 to 200 percent of BAC");
		}
		this.thresholds = sorted;
		changed("thresholds", this.thresholds);
	}

	/**
	 * Accepts a cost entry: adds it to the totals and to the line it names, publishes
	 * {@code CostRecorded} and a {@code BudgetThresholdCrossed} for each threshold its
	 * actual cost reaches for the first time, and keeps the entry for the ledger.
	 * @param entry the entry, its amount already in the budget's currency
	 * @param actor who records it
	 * @param now when
	 * @return the entry as accepted (with the commitment it relieved)
	 */
	Cost record(Cost entry, Actor actor, Instant now) {
		requireOpen();
		BudgetLine line = (entry.lineId() != null) ? line(entry.lineId()) : null;
		if (line != null && line.closed() && entry.reversesCostId() == null) {
			throw new ConflictException("lineId", "line '" + line.name() + "' is closed and takes no more costs");
		}
		if (line != null
				&& (line.category() != entry.category() || line.expenditureType() != entry.expenditureType())) {
			throw new RuleViolationException("lineId", "line '" + line.name() + "' is " + line.category() + " "
					+ line.expenditureType() + ", not " + entry.category() + " " + entry.expenditureType());
		}
		BigDecimal actualChange = BigDecimal.ZERO;
		BigDecimal committedChange = BigDecimal.ZERO;
		BigDecimal relieved = BigDecimal.ZERO;
		if (entry.kind() == CostKind.COMMITMENT) {
			committedChange = entry.amount();
			if (entry.reversesCostId() == null) {
				this.openCommitments.put(entry.id().toString(), entry.amount());
			}
			else {
				// Reversing a commitment withdraws what is still open of it.
				BigDecimal open = this.openCommitments.getOrDefault(entry.reversesCostId().toString(), BigDecimal.ZERO);
				committedChange = open.negate();
				this.openCommitments.remove(entry.reversesCostId().toString());
			}
		}
		else {
			actualChange = entry.amount();
			if (entry.commitmentId() != null && entry.reversesCostId() == null) {
				String key = entry.commitmentId().toString();
				BigDecimal open = this.openCommitments.getOrDefault(key, BigDecimal.ZERO);
				relieved = open.min(entry.amount().max(BigDecimal.ZERO));
				committedChange = relieved.negate();
				if (open.subtract(relieved).signum() > 0) {
					this.openCommitments.put(key, open.subtract(relieved));
				}
				else {
					this.openCommitments.remove(key);
				}
			}
			else if (entry.commitmentId() != null && entry.relieved() != null && entry.relieved().signum() != 0) {
				// Reversing an invoice opens again what it relieved of its commitment.
				BigDecimal reopened = entry.relieved();
				relieved = reopened.negate();
				committedChange = reopened;
				this.openCommitments.merge(entry.commitmentId().toString(), reopened, BigDecimal::add);
			}
		}
		Cost accepted = new Cost(entry.id(), entry.projectId(), entry.kind(), entry.amount(), entry.original(),
				entry.category(), entry.expenditureType(), entry.lineId(), entry.incurredOn(), entry.vendor(),
				entry.vendorKey(), entry.reference(), entry.description(), entry.commitmentId(), relieved,
				entry.reversesCostId(), now, actor);
		this.actual = actual().add(actualChange);
		this.committed = committed().add(committedChange);
		Figures change = new Figures(BigDecimal.ZERO, actualChange, committedChange);
		this.byCategory.merge(entry.category(), change, Figures::plus);
		this.byType.merge(entry.expenditureType(), change, Figures::plus);
		if (actualChange.signum() != 0) {
			String day = entry.incurredOn().toString();
			changed("actualByDay." + day, this.actualByDay.merge(day, actualChange, BigDecimal::add));
		}
		if (line != null) {
			line.book(actualChange, committedChange);
			changed("lines", this.lines);
		}
		this.newCosts.add(accepted);
		if (this.newCostsSince == null) {
			this.newCostsSince = now;
			changed("newCostsSince", now);
		}
		changed("actual", this.actual);
		changed("committed", this.committed);
		changed("byCategory", this.byCategory);
		changed("byType", this.byType);
		changed("openCommitments", this.openCommitments);
		changed("newCosts", this.newCosts);
		registerEvent(BudgetEvents.costRecorded(this, accepted), this.projectId, accepted.id(), now);
		for (Integer threshold : thresholds()) {
			if (!this.crossed.contains(threshold) && reached(threshold)) {
				this.crossed.add(threshold);
				registerEvent(BudgetEvents.thresholdCrossed(this, threshold, accepted.id(), now, actor), this.projectId,
						this.projectId, now);
			}
		}
		changed("crossed", this.crossed);
		return accepted;
	}

	/**
	 * Rebaselines the budget on an approved cost change request: BAC changes by its cost
	 * impact from the day of the approval, the thresholds no longer reached are armed
	 * again, and those reached now are crossed.
	 * @param changeRequestId the change request
	 * @param number its number
	 * @param title its title, the reason
	 * @param costImpact what it adds to the cost, negative for a saving
	 * @param decidedAt when it was approved
	 * @param actor who approved it
	 * @param now when
	 * @return the new baseline
	 * @throws IllegalArgumentException if the saving is larger than BAC
	 */
	Baseline rebaseline(UUID changeRequestId, String number, String title, BigDecimal costImpact, Instant decidedAt,
			Actor actor, Instant now) {
		BigDecimal change = costImpact.setScale(Amounts.scaleOf(this.currency), RoundingMode.HALF_EVEN);
		BigDecimal previous = this.budgetAtCompletion;
		BigDecimal next = previous.add(change);
		if (next.signum() < 0) {
			throw new IllegalArgumentException("a saving of " + change.negate().toPlainString() + " " + this.currency
					+ " is larger than the budget at completion " + previous.toPlainString());
		}
		List<Baseline> all = baselines();
		Baseline baseline = new Baseline(all.get(all.size() - 1).number() + 1, next, change,
				LocalDate.ofInstant(decidedAt, ZoneOffset.UTC), changeRequestId, number, title, decidedAt, actor);
		this.baselines = new ArrayList<>(all);
		this.baselines.add(baseline);
		this.budgetAtCompletion = next;
		List<Integer> rearmed = this.crossed.stream().filter((t) -> !reached(t)).toList();
		this.crossed.removeAll(rearmed);
		changed("budgetAtCompletion", next);
		changed("baselines", this.baselines);
		registerEvent(BudgetEvents.rebaselined(this, baseline, previous, rearmed), this.projectId, this.projectId, now);
		for (Integer threshold : thresholds()) {
			if (!this.crossed.contains(threshold) && reached(threshold)) {
				this.crossed.add(threshold);
				registerEvent(BudgetEvents.thresholdCrossed(this, threshold, null, now, actor), this.projectId,
						this.projectId, now);
			}
		}
		changed("crossed", this.crossed);
		return baseline;
	}

	/**
	 * Takes in a progress report and publishes the earned value as of its date.
	 * @param point what it reported
	 * @param asOf the date it holds for
	 * @param settings how earned value is forecast
	 * @param now when
	 * @return the earned value as of the report's date
	 */
	EarnedValue reportProgress(ProgressPoint point, LocalDate asOf, EarnedValueSettings settings, Instant now) {
		ProgressPoint earlier = this.progress.get(asOf.toString());
		if (earlier == null || !earlier.reportedAt().isAfter(point.reportedAt())) {
			this.progress.put(asOf.toString(), point);
			changed("progress." + asOf, point);
		}
		EarnedValue value = earnedValue(asOf, settings.method());
		registerEvent(BudgetEvents.earnedValueCalculated(this, point, value, now), this.projectId, this.projectId, now);
		return value;
	}

	/**
	 * Measures the performance as of the latest progress report again, after any change,
	 * and publishes a band crossed ({@code CostPerformanceChanged}) and an overrun
	 * forecast or cleared ({@code BudgetOverrunForecast}).
	 * @param settings the bands and the method
	 * @param actor whose change it follows
	 * @param now when
	 */
	void measure(EarnedValueSettings settings, Actor actor, Instant now) {
		if (this.progress.isEmpty()) {
			return;
		}
		LocalDate asOf = LocalDate.parse(this.progress.lastKey());
		// Forecast for the BAC in force now, which a rebaseline after the report changed.
		EarnedValue value = earnedValue(asOf, this.budgetAtCompletion, settings.method());
		Measurement before = measurement();
		Measurement after = new Measurement(asOf, value.costPerformanceIndex(), value.schedulePerformanceIndex(),
				value.method(), value.estimateAtCompletion(), settings.band(value.costPerformanceIndex()),
				settings.band(value.schedulePerformanceIndex()), value.estimateAtCompletion() != null
						&& value.estimateAtCompletion().compareTo(value.budgetAtCompletion()) > 0);
		if (after.equals(this.measurement)) {
			return;
		}
		this.measurement = after;
		changed("measurement", after);
		if (after.costBand() != before.costBand() || after.scheduleBand() != before.scheduleBand()) {
			registerEvent(BudgetEvents.performanceChanged(this, before, after, actor, now), this.projectId,
					this.projectId, now);
		}
		if (after.overrun() != before.overrun()) {
			registerEvent(BudgetEvents.overrunForecast(this, value, after.overrun(), actor, now), this.projectId,
					this.projectId, now);
		}
	}

	/**
	 * The earned value as of a date.
	 * @param asOf the date
	 * @param method how EAC is forecast
	 * @return the figures
	 */
	public EarnedValue earnedValue(LocalDate asOf, EacMethod method) {
		return earnedValue(asOf, budgetAtCompletionOn(asOf), method);
	}

	/**
	 * The earned value as of a date, forecast for a BAC. EV is the percent complete of
	 * the last report by then times BAC in force on the report's day: a later rebaseline
	 * does not change what the work done was worth.
	 */
	private EarnedValue earnedValue(LocalDate asOf, BigDecimal bac, EacMethod method) {
		Map.Entry<String, ProgressPoint> reported = this.progress.floorEntry(asOf.toString());
		BigDecimal percent = (reported != null) ? reported.getValue().percentComplete() : null;
		BigDecimal earned = (reported != null)
				? budgetAtCompletionOn(LocalDate.parse(reported.getKey())).multiply(percent)
					.divide(BigDecimal.valueOf(100), MathContext.DECIMAL128)
				: null;
		return EarnedValue.of(asOf, this.currency, bac, plannedValue(asOf), percent, earned, actualCostBy(asOf),
				method);
	}

	/**
	 * The progress report earned value as of a date is computed from.
	 * @param asOf the date
	 * @return its date and what it reported, or {@code null} if none was by then
	 */
	public Map.Entry<LocalDate, ProgressPoint> progressOn(LocalDate asOf) {
		Map.Entry<String, ProgressPoint> reported = this.progress.floorEntry(asOf.toString());
		return (reported != null) ? Map.entry(LocalDate.parse(reported.getKey()), reported.getValue()) : null;
	}

	/**
	 * BAC on a day: the baseline in force then.
	 * @param day the day
	 * @return BAC
	 */
	public BigDecimal budgetAtCompletionOn(LocalDate day) {
		return baselineOn(day).budgetAtCompletion();
	}

	/**
	 * The baseline in force on a day; before the first took effect, the first.
	 * @param day the day
	 * @return the baseline
	 */
	public Baseline baselineOn(LocalDate day) {
		List<Baseline> all = baselines();
		Baseline on = all.get(0);
		for (Baseline baseline : all) {
			if (!baseline.effectiveOn().isAfter(day)) {
				on = baseline;
			}
		}
		return on;
	}

	/**
	 * Planned value by the end of a day. Lines spread over months plan their months, the
	 * month of the day pro rata by days; what BAC holds beyond the spread lines is
	 * planned evenly from the project's planned start to its planned finish. If the
	 * spread lines plan more than BAC, they are scaled down to it, so PV at the end is
	 * always BAC.
	 * @param day the day
	 * @return PV at the currency's scale
	 */
	public BigDecimal plannedValue(LocalDate day) {
		BigDecimal bac = budgetAtCompletionOn(day);
		BigDecimal spread = BigDecimal.ZERO;
		BigDecimal spreadByDay = BigDecimal.ZERO;
		for (BudgetLine line : this.lines) {
			if (!line.months().isEmpty()) {
				spread = spread.add(line.planned());
				spreadByDay = spreadByDay.add(line.plannedBy(day));
			}
		}
		BigDecimal value;
		if (spread.compareTo(bac) > 0) {
			value = spreadByDay.multiply(bac).divide(spread, MathContext.DECIMAL128);
		}
		else {
			value = spreadByDay.add(bac.subtract(spread).multiply(shareOfPlannedDuration(day)));
		}
		return value.setScale(Amounts.scaleOf(this.currency), RoundingMode.HALF_EVEN);
	}

	private BigDecimal shareOfPlannedDuration(LocalDate day) {
		if (this.plannedStart == null || this.plannedFinish == null || day.isBefore(this.plannedStart)) {
			return BigDecimal.ZERO;
		}
		if (!day.isBefore(this.plannedFinish)) {
			return BigDecimal.ONE;
		}
		long elapsed = ChronoUnit.DAYS.between(this.plannedStart, day) + 1;
		long duration = ChronoUnit.DAYS.between(this.plannedStart, this.plannedFinish) + 1;
		return BigDecimal.valueOf(elapsed).divide(BigDecimal.valueOf(duration), MathContext.DECIMAL128);
	}

	/**
	 * Actual costs incurred by the end of a day.
	 * @param day the day
	 * @return AC
	 */
	public BigDecimal actualCostBy(LocalDate day) {
		return this.actualByDay.headMap(day.toString(), true)
			.values()
			.stream()
			.reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	/**
	 * The first month the budget has anything in: the project's planned start, a line's
	 * month, a cost, a progress report.
	 * @param today the month to answer if it has nothing
	 * @return the month
	 */
	YearMonth firstMonth(LocalDate today) {
		return monthsWithData().min(Comparator.naturalOrder()).orElse(YearMonth.from(today));
	}

	/**
	 * The last month the budget has anything in, and at least the month of today once the
	 * project has started.
	 * @param today today
	 * @return the month
	 */
	YearMonth lastMonth(LocalDate today) {
		YearMonth last = monthsWithData().max(Comparator.naturalOrder()).orElse(YearMonth.from(today));
		YearMonth now = YearMonth.from(today);
		return (now.isAfter(last) && !firstMonth(today).isAfter(now)) ? now : last;
	}

	private Stream<YearMonth> monthsWithData() {
		Stream<LocalDate> days = Stream.of(this.plannedStart, this.plannedFinish).filter(Objects::nonNull);
		Stream<YearMonth> lineMonths = this.lines.stream()
			.flatMap((l) -> l.months().stream())
			.map(BudgetLine.Month::yearMonth);
		Stream<String> recorded = Stream.concat(this.actualByDay.keySet().stream(), this.progress.keySet().stream());
		return Stream.concat(Stream.concat(days.map(YearMonth::from), lineMonths),
				recorded.map((d) -> YearMonth.from(LocalDate.parse(d))));
	}

	/**
	 * Whether an event that changes the budget is new to it.
	 * @param event the event
	 * @return {@code true} if neither it nor a later one of its subject was applied
	 */
	boolean isNew(IncomingEvent<?> event) {
		return EventIdempotency.isNew(this.appliedSequences, event);
	}

	/**
	 * Records that an event was applied, in the same write as its effect.
	 * @param event the event
	 */
	void applied(IncomingEvent<?> event) {
		String key = EventIdempotency.appliedSequenceKey(event.metadata().subject());
		this.appliedSequences.put(key, event.metadata().sequence());
		changed(EventIdempotency.APPLIED_SEQUENCES + "." + key, event.metadata().sequence());
	}

	/**
	 * An entry accepted here and still waiting for the ledger.
	 * @param costId the entry
	 * @return it, or {@code null}
	 */
	Cost newCost(UUID costId) {
		return this.newCosts.stream().filter((c) -> c.id().equals(costId)).findFirst().orElse(null);
	}

	/**
	 * Freezes the budget: the project was closed or cancelled.
	 * @return the update, idempotent
	 */
	static Update freeze() {
		return new Update().set("frozen", true);
	}

	private boolean reached(int threshold) {
		if (this.budgetAtCompletion.signum() == 0) {
			return actual().signum() > 0;
		}
		return actual().multiply(BigDecimal.valueOf(100))
			.compareTo(this.budgetAtCompletion.multiply(BigDecimal.valueOf(threshold))) >= 0;
	}

	private BudgetLine.Plan exactPlan(BudgetLine.Plan plan) {
		return new BudgetLine.Plan(plan.name(), plan.category(), plan.expenditureType(),
				Amounts.exact("plannedAmount", plan.planned(), this.currency),
				(plan.months() != null) ? exactMonths(plan.months()) : List.of());
	}

	private List<BudgetLine.Month> exactMonths(List<BudgetLine.Month> months) {
		return months.stream()
			.map((m) -> new BudgetLine.Month(m.month(), Amounts.exact("months", m.amount(), this.currency)))
			.toList();
	}

	private void linesChanged() {
		Map<CostCategory, Figures> byCategory = new EnumMap<>(CostCategory.class);
		Map<ExpenditureType, Figures> byType = new EnumMap<>(ExpenditureType.class);
		this.byCategory.forEach((category, figures) -> byCategory.put(category,
				new Figures(BigDecimal.ZERO, figures.actual(), figures.committed())));
		this.byType.forEach((type, figures) -> byType.put(type,
				new Figures(BigDecimal.ZERO, figures.actual(), figures.committed())));
		for (BudgetLine line : this.lines) {
			Figures planned = new Figures(line.planned(), BigDecimal.ZERO, BigDecimal.ZERO);
			byCategory.merge(line.category(), planned, Figures::plus);
			byType.merge(line.expenditureType(), planned, Figures::plus);
		}
		this.byCategory = byCategory;
		this.byType = byType;
		changed("lines", this.lines);
		changed("byCategory", this.byCategory);
		changed("byType", this.byType);
	}

	private void requireOpen() {
		if (this.frozen) {
			throw new ConflictException(null,
					"project " + this.projectId + " is closed or cancelled; its budget is frozen");
		}
	}

	/**
	 * One line.
	 * @param lineId its id
	 * @return the line
	 * @throws NotFoundException if there is none of that id
	 */
	public BudgetLine line(UUID lineId) {
		return this.lines.stream()
			.filter((l) -> l.id().equals(lineId))
			.findFirst()
			.orElseThrow(() -> new NotFoundException("lineId", "no budget line " + lineId + " in this budget"));
	}

	public List<BudgetLine> lines() {
		return List.copyOf(this.lines);
	}

	public BigDecimal planned() {
		return this.lines.stream().map(BudgetLine::planned).reduce(BigDecimal.ZERO, BigDecimal::add);
	}

	public BigDecimal actual() {
		return (this.actual != null) ? this.actual : BigDecimal.ZERO;
	}

	/**
	 * The share of BAC spent.
	 * @return percent with two decimals, or {@code null} for a budget of zero
	 */
	public BigDecimal consumedPercent() {
		return Amounts.percent(actual(), this.budgetAtCompletion);
	}

	public BigDecimal committed() {
		return (this.committed != null) ? this.committed : BigDecimal.ZERO;
	}

	public Map<CostCategory, Figures> byCategory() {
		return Map.copyOf(this.byCategory);
	}

	public Map<ExpenditureType, Figures> byType() {
		return Map.copyOf(this.byType);
	}

	/**
	 * Actual costs per day.
	 * @return by day, the first first
	 */
	public SortedMap<LocalDate, BigDecimal> actualByDay() {
		SortedMap<LocalDate, BigDecimal> days = new TreeMap<>();
		this.actualByDay.forEach((day, amount) -> days.put(LocalDate.parse(day), amount));
		return days;
	}

	/**
	 * The progress reported, per day.
	 * @return by day, the first first
	 */
	public SortedMap<LocalDate, ProgressPoint> progress() {
		SortedMap<LocalDate, ProgressPoint> days = new TreeMap<>();
		this.progress.forEach((day, point) -> days.put(LocalDate.parse(day), point));
		return days;
	}

	/**
	 * Every baseline, the first first; for a budget established before baselines were
	 * kept, its BAC as the first.
	 * @return the baselines
	 */
	public List<Baseline> baselines() {
		if (this.baselines == null || this.baselines.isEmpty()) {
			return List.of(new Baseline(1, this.budgetAtCompletion, BigDecimal.ZERO,
					LocalDate.ofInstant(this.establishedAt, ZoneOffset.UTC), null, null, null, this.establishedAt,
					BudgetEvents.SERVICE));
		}
		return List.copyOf(this.baselines);
	}

	/**
	 * The performance as of the latest progress report.
	 * @return it, or {@link Measurement#NONE} before any report
	 */
	public Measurement measurement() {
		return (this.measurement != null) ? this.measurement : Measurement.NONE;
	}

	public LocalDate plannedStart() {
		return this.plannedStart;
	}

	public LocalDate plannedFinish() {
		return this.plannedFinish;
	}

	/**
	 * What is still open of a commitment.
	 * @param commitmentId the commitment
	 * @return the open amount, zero if none
	 */
	public BigDecimal openOf(UUID commitmentId) {
		return this.openCommitments.getOrDefault(commitmentId.toString(), BigDecimal.ZERO);
	}

	public List<Integer> thresholds() {
		return (this.thresholds != null) ? this.thresholds : DEFAULT_THRESHOLDS;
	}

	public List<Integer> crossed() {
		return List.copyOf(this.crossed);
	}

	public List<Cost> newCosts() {
		return List.copyOf(this.newCosts);
	}

	public boolean frozen() {
		return this.frozen;
	}

	/** The thresholds of a budget that was given none: 50, 80, 90 and 100 % of BAC. */
	public static final List<Integer> DEFAULT_THRESHOLDS = List.of(50, 80, 90, 100);

	/**
	 * The update that keeps the copy of the project's code, name and planned dates
	 * current.
	 * @param code the project's code
	 * @param name its name
	 * @param plannedStart its planned start
	 * @param plannedFinish its planned finish
	 * @return the update, to be applied only for a newer project revision
	 */
	static Update renamed(String code, String name, LocalDate plannedStart, LocalDate plannedFinish) {
		return new Update().set("projectCode", code)
			.set("projectName", name)
			.set("plannedStart", plannedStart)
			.set("plannedFinish", plannedFinish);
	}

	public UUID projectId() {
		return this.projectId;
	}

	public UUID budgetId() {
		return this.budgetId;
	}

	public String projectCode() {
		return this.projectCode;
	}

	public String projectName() {
		return this.projectName;
	}

	public BigDecimal budgetAtCompletion() {
		return this.budgetAtCompletion;
	}

	public String currency() {
		return this.currency;
	}

	public Instant establishedAt() {
		return this.establishedAt;
	}

}
