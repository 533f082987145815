package io.infrapm.budget.baseline;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.UUID;

import io.infrapm.contracts.budget.CostCategory;
import io.infrapm.contracts.budget.CostKind;
import io.infrapm.contracts.budget.ExpenditureType;
import io.infrapm.platform.problem.RuleViolationException;

/**
 * The command to record a cost entry.
 *
 * @param kind actual or commitment
 * @param amount the amount, more than zero, in {@code currency}
 * @param currency its ISO 4217 code
 * @param exchangeRate units of the budget's currency per unit of {@code currency}; needed
 * exactly when it is not the budget's
 * @param category the cost category, or {@code null} to take the line's
 * @param expenditureType CapEx or OpEx, or {@code null} to take the line's
 * @param lineId the budget line, or {@code null}
 * @param incurredOn the invoice or order date
 * @param vendor the vendor, or {@code null}
 * @param reference the invoice, order or timesheet reference, or {@code null}
 * @param description what it was for, or {@code null}
 * @param commitmentId the commitment an actual cost invoices, or {@code null}
 */
public record NewCost(CostKind kind, BigDecimal amount, String currency, BigDecimal exchangeRate, CostCategory category,
		ExpenditureType expenditureType, UUID lineId, LocalDate incurredOn, String vendor, String reference,
		String description, UUID commitmentId) {

	public NewCost {
		vendor = blankToNull(vendor);
		reference = blankToNull(reference);
		description = blankToNull(description);
	}

	/**
	 * The entry this command records in a budget.
	 * @param costId its id
	 * @param budget the budget
	 * @return the entry, its amount in the budget's currency
	 */
	Cost toCost(UUID costId, Budget budget) {
		if (this.amount.signum() <= 0) {
			throw new RuleViolationException("amount", "must be more than zero; a correction is a reversal");
		}
		BigDecimal inBudget;
		Cost.Original original = null;
		if (this.currency.equals(budget.currency())) {
			if (this.exchangeRate != null && this.exchangeRate.compareTo(BigDecimal.ONE) != 0) {
				throw new RuleViolationException("exchangeRate",
						"the cost is in the budget's currency " + budget.currency() + "; it takes no exchange rate");
			}
			inBudget = Amounts.exact("amount", this.amount, this.currency);
		}
		else {
			if (this.exchangeRate == null) {
				throw new RuleViolationException("currency", "the budget is in " + budget.currency() + "; a cost in "
						+ this.currency + " needs the exchangeRate it was booked at");
			}
			if (this.exchangeRate.signum() <= 0) {
				throw new RuleViolationException("exchangeRate", "must be more than zero");
			}
			BigDecimal exact = Amounts.exact("amount", this.amount, this.currency);
			inBudget = Amounts.converted(exact, this.exchangeRate, budget.currency());
			original = new Cost.Original(exact, this.currency, this.exchangeRate);
		}
		CostCategory category = this.category;
		ExpenditureType type = this.expenditureType;
		if (this.lineId != null) {
			BudgetLine line = budget.line(this.lineId);
			category = (category != null) ? category : line.category();
			type = (type != null) ? type : line.expenditureType();
		}
		if (category == null) {
			throw new RuleViolationException("category", "must be given, or a lineId to take it from");
		}
		if (type == null) {
			throw new RuleViolationException("expenditureType", "must be given, or a lineId to take it from");
		}
		return new Cost(costId, budget.projectId(), this.kind, inBudget, original, category, type, this.lineId,
				this.incurredOn, this.vendor, Cost.keyOf(this.vendor), this.reference, this.description,
				this.commitmentId, null, null, null, null);
	}

	/**
	 * Whether an entry recorded before under the same key is what this command records.
	 * @param earlier the entry
	 * @return whether the client sent the same cost again
	 */
	boolean sameAs(Cost earlier) {
		BigDecimal given = (earlier.original() != null) ? earlier.original().amount() : earlier.amount();
		return this.kind == earlier.kind() && this.amount.compareTo(given) == 0
				&& Objects.equals(this.incurredOn, earlier.incurredOn())
				&& Objects.equals(this.reference, earlier.reference())
				&& Objects.equals(Cost.keyOf(this.vendor), earlier.vendorKey())
				&& Objects.equals(this.lineId, earlier.lineId());
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
