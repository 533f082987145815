package io.infrapm.project.portfolio;

import java.math.BigDecimal;
import java.util.Currency;

import io.infrapm.platform.problem.RuleViolationException;

/**
 * An amount in one currency.
 *
 * @param amount the amount, not negative
 * @param currency the ISO 4217 code
 */
public record Money(BigDecimal amount, String currency) {

	public Money {
		if (amount == null || amount.signum() < 0) {
			throw new RuleViolationException("budget.amount", "must be zero or more");
		}
		if (currency == null) {
			throw new RuleViolationException("budget.currency", "is required");
		}
		try {
			Currency iso = Currency.getInstance(currency);
			if (amount.scale() > Math.max(iso.getDefaultFractionDigits(), 0)) {
				throw new RuleViolationException("budget.amount",
						"has more decimals than " + currency + " allows (" + iso.getDefaultFractionDigits() + ")");
			}
		}
		catch (IllegalArgumentException ex) {
			throw new RuleViolationException("budget.currency", "'" + currency + "' is not an ISO 4217 currency code");
		}
	}

}
