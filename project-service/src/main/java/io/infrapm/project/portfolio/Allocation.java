package io.infrapm.project.portfolio;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.UUID;

/**
 * One line of a project's resource plan: a role, a named person, or a named person in a
 * role, at a share of their working time from one day to another.
 *
 * @param id the line's id
 * @param role the role, or {@code null}
 * @param person the person, or {@code null} for a role not yet staffed
 * @param from the first day
 * @param to the last day
 * @param percent the share of working time, above 0 and at most 100
 */
public record Allocation(UUID id, String role, Person person, LocalDate from, LocalDate to, BigDecimal percent) {

	/**
	 * The line as planned, before it has an id.
	 *
	 * @param role the role, or {@code null}
	 * @param person the person, or {@code null}
	 * @param from the first day
	 * @param to the last day
	 * @param percent the share of working time
	 */
	public record Line(String role, Person person, LocalDate from, LocalDate to, BigDecimal percent) {
	}

	/**
	 * What the line plans, without its id.
	 * @return the line
	 */
	Line line() {
		return new Line(this.role, this.person, this.from, this.to, this.percent);
	}

	/**
	 * Whether it names a person at this address.
	 * @param email the address, any case
	 * @return whether it does
	 */
	boolean allocates(String email) {
		return this.person != null && this.person.email().equalsIgnoreCase(email);
	}

}
