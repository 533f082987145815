package io.infrapm.platform.web;

import java.math.BigDecimal;
import java.math.BigInteger;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link BoundedDecimal}. Public only because the validation provider creates it
 * by reflection.
 */
public final class BoundedDecimalValidator implements ConstraintValidator<BoundedDecimal, Number> {

	private int integer;

	private int fraction;

	@Override
	public void initialize(BoundedDecimal constraint) {
		this.integer = constraint.integer();
		this.fraction = constraint.fraction();
	}

	@Override
	public boolean isValid(Number value, ConstraintValidatorContext context) {
		if (value == null) {
			return true;
		}
		BigDecimal decimal = decimal(value);
		if (decimal == null) {
			return false;
		}
		// precision and scale are ints; their difference is not.
		long integerDigits = (long) decimal.precision() - decimal.scale();
		long fractionDigits = Math.max(decimal.scale(), 0);
		return integerDigits <= this.integer && fractionDigits <= this.fraction;
	}

	private static BigDecimal decimal(Number value) {
		if (value instanceof BigDecimal decimal) {
			return decimal;
		}
		if (value instanceof BigInteger big) {
			return new BigDecimal(big);
		}
		if (value instanceof Double || value instanceof Float) {
			double number = value.doubleValue();
			return Double.isFinite(number) ? BigDecimal.valueOf(number) : null;
		}
		return BigDecimal.valueOf(value.longValue());
	}

}
