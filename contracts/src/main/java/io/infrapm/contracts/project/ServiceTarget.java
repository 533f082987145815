package io.infrapm.contracts.project;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * A service the project runs or changes, with the availability it must keep.
 *
 * @param name the service's name, unique in the project
 * @param availabilityTarget the availability it must keep, in percent (e.g. 99.9)
 * @param vendorId the vendor that runs it, whose service levels apply, or {@code null}
 */
public record ServiceTarget(String name, BigDecimal availabilityTarget, UUID vendorId) {
}
