package io.infrapm.contracts.project;

import java.math.BigDecimal;

/**
 * What a vendor's contract promises.
 *
 * @param responseMinutes the longest time to respond to an incident, in minutes
 * @param resolutionMinutes the longest time to resolve an incident, in minutes
 * @param availabilityTarget the availability promised, in percent (e.g. 99.9), or
 * {@code null} if none is
 */
public record ServiceLevelTerms(int responseMinutes, int resolutionMinutes, BigDecimal availabilityTarget) {
}
