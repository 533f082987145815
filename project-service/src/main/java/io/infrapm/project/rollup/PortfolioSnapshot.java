package io.infrapm.project.rollup;

import java.time.LocalDate;
import java.util.UUID;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A project's portfolio row as it stood at the end of a day: the last row written that
 * day. Past days never change, so the portfolio as of a day is the latest snapshot of
 * each project up to it.
 *
 * @param id the project and the day, e.g. {@code 7c9e…/2027-03-19}
 * @param projectId the project
 * @param day the day, in the service's calendar
 * @param row the row
 */
@Document(PortfolioSnapshot.COLLECTION)
public record PortfolioSnapshot(@Id String id, UUID projectId, LocalDate day, PortfolioRow row) {

	/** The collection. */
	public static final String COLLECTION = "portfolio_snapshots";

	public static String idOf(UUID projectId, LocalDate day) {
		return projectId + "/" + day;
	}

}
