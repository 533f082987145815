package io.infrapm.budget.baseline;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.budget.CostCategory;
import io.infrapm.contracts.budget.ExpenditureType;
import io.infrapm.platform.problem.RuleViolationException;

/**
 * One line of a project's budget: what it is for, its category and CapEx or OpEx, the
 * amount planned, optionally spread over months (the time-phased plan planned value comes
 * from), and what was booked on it. A closed line takes no more costs; what it did not
 * spend is a saving.
 */
public class BudgetLine {

	private UUID id;

	private String name;

	private CostCategory category;

	private ExpenditureType expenditureType;

	private BigDecimal planned;

	private List<Month> months = List.of();

	private BigDecimal actual = BigDecimal.ZERO;

	private BigDecimal committed = BigDecimal.ZERO;

	private boolean closed;

	private int revision;

	private Instant plannedAt;

	private Actor plannedBy;

	private Instant updatedAt;

	private Actor updatedBy;

	BudgetLine() {
		// for the mapping layer
	}

	/**
	 * A new line.
	 * @param plan what it plans, amounts already at the budget's scale
	 * @param actor who plans it
	 * @param now when
	 * @return the line
	 */
	static BudgetLine of(Plan plan, Actor actor, Instant now) {
		BudgetLine line = new BudgetLine();
		line.id = UUID.randomUUID();
		line.name = plan.name().strip();
		line.category = Objects.requireNonNull(plan.category(), "category");
		line.expenditureType = Objects.requireNonNull(plan.expenditureType(), "expenditureType");
		line.months = List.of();
		line.respread(plan.planned(), plan.months());
		line.revision = 1;
		line.plannedAt = now;
		line.plannedBy = actor;
		line.updatedAt = now;
		line.updatedBy = actor;
		return line;
	}

	/**
	 * Revises the line: {@code null} fields stay.
	 * @param revision what changes
	 * @param actor who changes it
	 * @param now when
	 * @return whether anything changed
	 */
	boolean revise(Revision revision, Actor actor, Instant now) {
		String name = (revision.name() != null) ? revision.name().strip() : this.name;
		BigDecimal planned = (revision.planned() != null) ? revision.planned() : this.planned;
		List<Month> months = (revision.months() != null) ? revision.months() : this.months;
		if (revision.planned() != null && revision.months() == null && !this.months.isEmpty()
				&& planned.compareTo(this.planned) != 0) {
			throw new RuleViolationException("months",
					"the line is spread over months; give the new spread with the new planned amount");
		}
		if (name.equals(this.name) && planned.compareTo(this.planned) == 0 && months.equals(this.months)) {
			return false;
		}
		this.name = name;
		respread(planned, months);
		touched(actor, now);
		return true;
	}

	/**
	 * Closes the line: no more costs are booked on it.
	 * @param actor who closes it
	 * @param now when
	 * @return whether it was open
	 */
	boolean close(Actor actor, Instant now) {
		if (this.closed) {
			return false;
		}
		this.closed = true;
		touched(actor, now);
		return true;
	}

	/**
	 * Books money on the line.
	 * @param actual the change of its actual costs
	 * @param committed the change of its open commitments
	 */
	void book(BigDecimal actual, BigDecimal committed) {
		this.actual = this.actual.add(actual);
		this.committed = this.committed.add(committed);
	}

	/**
	 * What the line's months plan by the end of a day: the months before the day's in
	 * full, the day's month pro rata by its days.
	 * @param day the day
	 * @return the amount, unrounded
	 */
	BigDecimal plannedBy(LocalDate day) {
		YearMonth current = YearMonth.from(day);
		BigDecimal sum = BigDecimal.ZERO;
		for (Month month : this.months) {
			YearMonth of = month.yearMonth();
			if (of.isBefore(current)) {
				sum = sum.add(month.amount());
			}
			else if (of.equals(current)) {
				sum = sum.add(month.amount()
					.multiply(BigDecimal.valueOf(day.getDayOfMonth()))
					.divide(BigDecimal.valueOf(current.lengthOfMonth()), MathContext.DECIMAL128));
			}
		}
		return sum;
	}

	private void respread(BigDecimal planned, List<Month> months) {
		if (planned.signum() < 0) {
			throw new RuleViolationException("plannedAmount", "must be zero or more");
		}
		if (!months.isEmpty()) {
			BigDecimal spread = months.stream().map(Month::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
			if (spread.compareTo(planned) != 0) {
				throw new RuleViolationException("months", "the months add up to " + spread.toPlainString()
						+ ", not to the planned amount " + planned.toPlainString());
			}
			if (months.stream().map(Month::month).distinct().count() != months.size()) {
				throw new RuleViolationException("months", "each month may appear once");
			}
		}
		this.planned = planned;
		this.months = months.stream().sorted(Comparator.comparing(Month::month)).toList();
	}

	private void touched(Actor actor, Instant now) {
		this.revision++;
		this.updatedAt = now;
		this.updatedBy = actor;
	}

	/**
	 * The line's money.
	 * @return planned, actual and committed
	 */
	public Figures figures() {
		return new Figures(this.planned, this.actual, this.committed);
	}

	/**
	 * What a closed line saved: its plan minus what it spent and still has committed.
	 * @return the saving, zero for an open line or one over its plan
	 */
	public BigDecimal saving() {
		BigDecimal left = figures().variance();
		return (this.closed && left.signum() > 0) ? left : BigDecimal.ZERO;
	}

	public UUID id() {
		return this.id;
	}

	public String name() {
		return this.name;
	}

	public CostCategory category() {
		return this.category;
	}

	public ExpenditureType expenditureType() {
		return this.expenditureType;
	}

	public BigDecimal planned() {
		return this.planned;
	}

	public List<Month> months() {
		return this.months;
	}

	public boolean closed() {
		return this.closed;
	}

	public int revision() {
		return this.revision;
	}

	public Instant plannedAt() {
		return this.plannedAt;
	}

	public Actor plannedBy() {
		return this.plannedBy;
	}

	public Instant updatedAt() {
		return this.updatedAt;
	}

	public Actor updatedBy() {
		return this.updatedBy;
	}

	/**
	 * The part of a line planned for one month.
	 *
	 * @param month the month, as {@code 2027-03}
	 * @param amount the amount, at the budget's scale
	 */
	public record Month(String month, BigDecimal amount) {

		public Month {
			YearMonth.parse(month);
		}

		YearMonth yearMonth() {
			return YearMonth.parse(this.month);
		}

	}

	/**
	 * A new line.
	 *
	 * @param name what it is for
	 * @param category the cost category
	 * @param expenditureType CapEx or OpEx
	 * @param planned the amount planned
	 * @param months its spread, empty for none
	 */
	public record Plan(String name, CostCategory category, ExpenditureType expenditureType, BigDecimal planned,
			List<Month> months) {
	}

	/**
	 * A change of a line; {@code null} leaves a field as it is.
	 *
	 * @param name what it is for
	 * @param planned the amount planned
	 * @param months its spread, empty to spread it no more
	 */
	public record Revision(String name, BigDecimal planned, List<Month> months) {
	}

}
