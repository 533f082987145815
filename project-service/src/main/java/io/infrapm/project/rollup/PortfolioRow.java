package io.infrapm.project.rollup;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.infrapm.contracts.project.HealthColour;
import io.infrapm.contracts.project.Methodology;
import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.contracts.project.ProjectPhase;
import io.infrapm.contracts.project.ProjectStatus;
import io.infrapm.contracts.risk.RiskBand;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One project in the portfolio, as small as the views need it: who may read it and its
 * money, its attributes, its computed health, its next and missed milestones, its earned
 * value and its top risk. Written by {@link PortfolioRows} from the project, its health
 * and its signals, and stamped with the version of each, so that a row assembled from
 * older sources never replaces one from newer.
 *
 * @param projectId the project
 * @param code its code
 * @param name its name
 * @param category its category
 * @param methodology its methodology
 * @param phase its phase
 * @param status its status
 * @param managerName the manager's name, or {@code null}
 * @param managerEmail the manager's address, or {@code null}
 * @param readers the addresses of its members
 * @param moneyReaders the addresses of the members who may see its money
 * @param overall the overall health, or {@code null} until assessed
 * @param schedule the schedule colour, or {@code null}
 * @param cost the cost colour, or {@code null}
 * @param scope the scope colour, or {@code null}
 * @param risk the risk colour, or {@code null}
 * @param nextMilestone the next open milestone not yet missed, or {@code null}
 * @param missed the open milestones reported missed
 * @param budgetAtCompletion BAC, or {@code null}
 * @param actualTotal the actual costs, or {@code null}
 * @param estimateAtCompletion EAC, or {@code null}
 * @param currency their currency, or {@code null}
 * @param costPerformanceIndex CPI, or {@code null}
 * @param schedulePerformanceIndex SPI, or {@code null}
 * @param topRisk the open threat with the highest score, or {@code null}
 * @param openThreats the open threats
 * @param projectVersion the project's version the row reflects
 * @param healthVersion the health's version it reflects (0 before the first assessment)
 * @param signalsRevision the signals' revision it reflects
 * @param updatedAt when it was written
 */
@Document(PortfolioRow.COLLECTION)
public record PortfolioRow(@Id UUID projectId, String code, String name, ProjectCategory category,
		Methodology methodology, ProjectPhase phase, ProjectStatus status, String managerName, String managerEmail,
		Set<String> readers, Set<String> moneyReaders, HealthColour overall, HealthColour schedule, HealthColour cost,
		HealthColour scope, HealthColour risk, Milestone nextMilestone, List<Milestone> missed,
		BigDecimal budgetAtCompletion, BigDecimal actualTotal, BigDecimal estimateAtCompletion, String currency,
		BigDecimal costPerformanceIndex, BigDecimal schedulePerformanceIndex, TopRisk topRisk, int openThreats,
		long projectVersion, long healthVersion, long signalsRevision, Instant updatedAt) {

	/** The collection. */
	public static final String COLLECTION = "portfolio_rows";

	/**
	 * Whether this row reflects sources at least as new as another's, in every one.
	 * @param other the other row
	 * @return whether it does
	 */
	public boolean atLeastAsNewAs(PortfolioRow other) {
		return this.projectVersion >= other.projectVersion && this.healthVersion >= other.healthVersion
				&& this.signalsRevision >= other.signalsRevision;
	}

	/**
	 * A milestone in a row.
	 *
	 * @param name its name
	 * @param dueDate when it is, or was, due
	 * @param critical whether it is on the critical path
	 */
	public record Milestone(String name, LocalDate dueDate, boolean critical) {
	}

	/**
	 * The top risk in a row.
	 *
	 * @param number its number
	 * @param title what it is
	 * @param score its score
	 * @param band its band
	 */
	public record TopRisk(String number, String title, int score, RiskBand band) {
	}

}
