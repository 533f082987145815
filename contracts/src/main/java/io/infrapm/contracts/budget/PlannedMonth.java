package io.infrapm.contracts.budget;

import java.math.BigDecimal;

/**
 * The part of a budget line planned for one month: the time-phased plan planned value is
 * computed from.
 *
 * @param month the month, as {@code 2027-03}
 * @param amount the amount planned for it, in the budget's currency
 */
public record PlannedMonth(String month, BigDecimal amount) {
}
