package io.infrapm.budget.baseline;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

import io.infrapm.platform.problem.RuleViolationException;

/**
 * Money in a budget: {@link BigDecimal} at the scale of its currency (2 for EUR, 0 for
 * JPY), never a binary floating point number.
 */
public final class Amounts {

	private Amounts() {
	}

	/**
	 * The number of decimals a currency's amounts have.
	 * @param currency an ISO 4217 code
	 * @return e.g. 2 for EUR
	 */
	static int scaleOf(String currency) {
		try {
			return Math.max(Currency.getInstance(currency).getDefaultFractionDigits(), 0);
		}
		catch (IllegalArgumentException ex) {
			throw new RuleViolationException("currency", "'" + currency + "' is not an ISO 4217 currency");
		}
	}

	/**
	 * An amount as given, at its currency's scale.
	 * @param field the field it came in, for the problem
	 * @param amount the amount
	 * @param currency its currency
	 * @return the amount at the currency's scale
	 * @throws RuleViolationException if it has more decimals than the currency has
	 */
	static BigDecimal exact(String field, BigDecimal amount, String currency) {
		int scale = scaleOf(currency);
		if (amount.stripTrailingZeros().scale() > scale) {
			throw new RuleViolationException(field,
					amount.toPlainString() + " has more decimals than " + currency + " has (" + scale + ")");
		}
		return amount.setScale(scale, RoundingMode.UNNECESSARY);
	}

	/**
	 * An amount converted at a rate, rounded half-even to the target currency's scale.
	 * @param amount the amount in the other currency
	 * @param rate units of the target currency per unit of the other
	 * @param currency the target currency
	 * @return the converted amount
	 */
	static BigDecimal converted(BigDecimal amount, BigDecimal rate, String currency) {
		return amount.multiply(rate).setScale(scaleOf(currency), RoundingMode.HALF_EVEN);
	}

	/**
	 * A share in percent, with two decimals.
	 * @param part the part
	 * @param whole the whole
	 * @return the percentage, or {@code null} if the whole is zero
	 */
	public static BigDecimal percent(BigDecimal part, BigDecimal whole) {
		if (whole.signum() == 0) {
			return null;
		}
		return part.multiply(BigDecimal.valueOf(100)).divide(whole, 2, RoundingMode.HALF_EVEN);
	}

}
