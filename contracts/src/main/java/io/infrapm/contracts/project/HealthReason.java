package io.infrapm.contracts.project;

/**
 * One fact that gave a health dimension its colour, and the rule that judged it.
 *
 * @param dimension the dimension it colours
 * @param colour the colour the rule gives
 * @param rule the rule's id within the rules' version, e.g. {@code cost.cpi}
 * @param fact what was found, in a sentence, e.g. {@code CPI 0.82 is below 0.90}
 */
public record HealthReason(HealthDimension dimension, HealthColour colour, String rule, String fact) {
}
