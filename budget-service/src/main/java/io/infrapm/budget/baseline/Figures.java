package io.infrapm.budget.baseline;

import java.math.BigDecimal;

/**
 * Planned, actual and committed money of one slice of a budget (a category, CapEx or
 * OpEx, a line).
 *
 * @param planned what the lines plan
 * @param actual what was spent
 * @param committed what is ordered and not yet invoiced
 */
public record Figures(BigDecimal planned, BigDecimal actual, BigDecimal committed) {

	static final Figures ZERO = new Figures(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

	public Figures {
		planned = (planned != null) ? planned : BigDecimal.ZERO;
		actual = (actual != null) ? actual : BigDecimal.ZERO;
		committed = (committed != null) ? committed : BigDecimal.ZERO;
	}

	Figures plus(Figures other) {
		return new Figures(this.planned.add(other.planned), this.actual.add(other.actual),
				this.committed.add(other.committed));
	}

	/**
	 * What is left of the plan after what was spent and committed.
	 * @return planned minus actual minus committed
	 */
	public BigDecimal variance() {
		return this.planned.subtract(this.actual).subtract(this.committed);
	}

}
