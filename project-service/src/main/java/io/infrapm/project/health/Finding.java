package io.infrapm.project.health;

import io.infrapm.contracts.project.HealthColour;
import io.infrapm.contracts.project.HealthDimension;

/**
 * What one rule found: the colour it gives a dimension and the fact behind it.
 *
 * @param dimension the dimension
 * @param colour the colour
 * @param rule the rule's id, e.g. {@code cost.cpi}
 * @param fact what was found, in a sentence
 */
public record Finding(HealthDimension dimension, HealthColour colour, String rule, String fact) {

	/**
	 * Whether the sentence of a rule tells money figures, which only those who may see
	 * the project's budget read.
	 * @param rule the rule's id
	 * @return whether it does
	 */
	public static boolean financial(String rule) {
		return "cost.eac".equals(rule) || "cost.consumed".equals(rule);
	}

}
