package io.infrapm.project.health;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.infrapm.contracts.project.HealthColour;
import io.infrapm.contracts.project.HealthDimension;

/**
 * A project's health as the rules judged it: a colour per dimension, the overall one the
 * worst of them, and the findings behind every colour.
 *
 * @param asOf the day it holds for
 * @param colours the colour of every dimension, the overall one included
 * @param findings why each dimension has its colour, in the order the rules ran
 * @param rulesVersion the rules' version
 */
public record HealthAssessment(LocalDate asOf, Map<HealthDimension, HealthColour> colours, List<Finding> findings,
		String rulesVersion) {

	public HealthAssessment {
		colours = Map.copyOf(colours);
		findings = List.copyOf(findings);
		for (HealthDimension dimension : HealthDimension.values()) {
			if (!colours.containsKey(dimension)) {
				throw new IllegalArgumentException("no colour for " + dimension);
			}
		}
	}

	/**
	 * The colour of one dimension.
	 * @param dimension the dimension
	 * @return its colour
	 */
	public HealthColour colour(HealthDimension dimension) {
		return this.colours.get(dimension);
	}

	/**
	 * The dimensions whose colour differs from another assessment's.
	 * @param other the other assessment, or {@code null} for none
	 * @return the dimensions, overall first; all of them if there is no other
	 */
	public List<HealthDimension> changedFrom(HealthAssessment other) {
		return List.of(HealthDimension.values())
			.stream()
			.filter((dimension) -> other == null || other.colour(dimension) != colour(dimension))
			.toList();
	}

	static Map<HealthDimension, HealthColour> coloursOf(List<Finding> findings) {
		Map<HealthDimension, HealthColour> colours = new EnumMap<>(HealthDimension.class);
		for (HealthDimension dimension : HealthDimension.values()) {
			colours.put(dimension, HealthColour.GREEN);
		}
		for (Finding finding : findings) {
			colours.merge(finding.dimension(), finding.colour(), HealthAssessment::worse);
			colours.merge(HealthDimension.OVERALL, finding.colour(), HealthAssessment::worse);
		}
		return colours;
	}

	static HealthColour worse(HealthColour a, HealthColour b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

}
