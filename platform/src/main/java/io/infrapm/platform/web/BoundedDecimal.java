package io.infrapm.platform.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A number of a request body with at most {@link #integer()} digits before the decimal
 * point and {@link #fraction()} after it. The defaults (30 and 4) fit the 34 significant
 * digits of MongoDB's {@code Decimal128} and every currency's minor unit.
 * <p>
 * Unlike {@code @Digits}, it counts digits in {@code long} arithmetic: JSON lets a client
 * send {@code 1E+2147483647}, whose digit count overflows an {@code int} and slips
 * through {@code @Digits}, and whose plain form has two billion digits. The exponent is
 * judged from the scale alone, before anything expands the number. {@code null} is valid:
 * combine with {@code @NotNull} where a number is required.
 */
@Documented
@Constraint(validatedBy = BoundedDecimalValidator.class)
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT,
		ElementType.TYPE_USE, ElementType.ANNOTATION_TYPE })
@Retention(RetentionPolicy.RUNTIME)
public @interface BoundedDecimal {

	/**
	 * The reason given to the client.
	 * @return the message template
	 */
	String message() default "must have at most {integer} digits before the decimal point and {fraction} after it";

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
	 * The most digits before the decimal point.
	 * @return the count
	 */
	int integer() default 30;

	/**
	 * The most digits after the decimal point.
	 * @return the count
	 */
	int fraction() default 4;

}
