package io.infrapm.platform.web;

import java.time.LocalDate;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Checks {@link CalendarDate}. Public only because the validation provider creates it by
 * reflection.
 */
public final class CalendarDateValidator implements ConstraintValidator<CalendarDate, LocalDate> {

	private int minYear;

	private int maxYear;

	@Override
	public void initialize(CalendarDate constraint) {
		this.minYear = constraint.minYear();
		this.maxYear = constraint.maxYear();
	}

	@Override
	public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
		return value == null || (value.getYear() >= this.minYear && value.getYear() <= this.maxYear);
	}

}
