package io.infrapm.project.portfolio;

import java.util.Locale;
import java.util.Map;

import io.infrapm.contracts.project.ProjectCategory;
import io.infrapm.contracts.project.ProjectPhase;
import io.infrapm.contracts.project.ProjectStatus;
import io.infrapm.platform.problem.RuleViolationException;

import org.springframework.data.domain.Sort;

/**
 * Which projects a list holds and in which order: any of status, phase, category and
 * manager (by e-mail address, ignoring case), sorted by one attribute.
 *
 * @param status only projects in this status, or {@code null}
 * @param phase only projects in this phase, or {@code null}
 * @param category only projects of this category, or {@code null}
 * @param managerEmail only projects this person manages, or {@code null}
 * @param sort the order
 */
public record ProjectFilter(ProjectStatus status, ProjectPhase phase, ProjectCategory category, String managerEmail,
		Sort sort) {

	private static final Map<String, String> SORTABLE = Map.of("code", "code", "name", "name", "plannedStart",
			"plannedStart", "plannedFinish", "plannedFinish", "createdAt", "createdAt", "updatedAt", "updatedAt");

	/** Every project, by code. */
	public static final ProjectFilter ALL = new ProjectFilter(null, null, null, null, Sort.by("code"));

	/**
	 * Reads a sort parameter: an attribute, optionally followed by {@code ,asc} or
	 * {@code ,desc}; ties are broken by code.
	 * @param parameter e.g. {@code plannedFinish,desc}, or {@code null} for by code
	 * @return the order
	 * @throws RuleViolationException naming {@code sort} for anything else
	 */
	public static Sort sort(String parameter) {
		if (parameter == null || parameter.isBlank()) {
			return Sort.by("code");
		}
		String[] parts = parameter.split(",", -1);
		String field = SORTABLE.get(parts[0].strip());
		Sort.Direction direction = Sort.Direction.ASC;
		if (parts.length == 2) {
			String given = parts[1].strip().toLowerCase(Locale.ROOT);
			direction = switch (given) {
				case "asc" -> Sort.Direction.ASC;
				case "desc" -> Sort.Direction.DESC;
				default -> null;
			};
		}
		if (field == null || direction == null || parts.length > 2) {
			throw new RuleViolationException("sort",
					"must be one of " + String.join(", ", SORTABLE.keySet().stream().sorted().toList())
							+ ", optionally followed by ,asc or ,desc");
		}
		Sort sort = Sort.by(direction, field);
		return field.equals("code") ? sort : sort.and(Sort.by("code"));
	}

}
