/**
 * risk-service: owns the risk registers and publishes {@code infrapm.risk.v1}.
 */
package io.infrapm.risk;
