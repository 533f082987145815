package io.infrapm.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A date of a request body that lies within a sane calendar range, by default from
 * 1900-01-01 to 9999-12-31. JSON accepts any year ISO 8601 can write, up to
 * {@code +999999999-12-31}; far beyond this range a date no longer fits a store's
 * millisecond timestamp or a four-digit year, so the write (or the event, or the
 * consumer) fails after the request was accepted. {@code null} is valid: combine with
 * {@code @NotNull} where a date is required.
 */
@Documented
@Constraint(validatedBy = CalendarDateValidator.class)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
		ElementType.TYPE_USE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface CalendarDate {

	/**
	 * The reason given to the client.
	 * @return the message template
	 */
	String message() default "must be a date from {minYear}-01-01 to {maxYear}-12-31";

	/**
	 * The validation groups.
	 * @return the groups
	 */
	Class<?>[] groups() default {};

	/**
	 * The payload.
	 * @return the payload
	 */
	Class<? extends Payload>[] payload() default {};

	/**
	 * The first year allowed.
	 * @return the year
	 */
	int minYear() default 1900;

	/**
	 * The last year allowed.
	 * @return the year
	 */
	int maxYear() default 9999;

}
