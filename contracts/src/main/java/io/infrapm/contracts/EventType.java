package io.infrapm.contracts;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The logical, versioned wire identity of an integration event, written to the
 * {@code ce_type} header. It never depends on the Java class name, so a record can be
 * renamed or moved without breaking any consumer.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

	/**
	 * The CloudEvents type, {@code io.infrapm.<context>.<Event>.v<version>}.
	 * @return the type
	 */
	String value();

}
