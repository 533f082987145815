/**
 * Events of risk-service, published on {@code infrapm.risk.v1}.
 */
package io.infrapm.contracts.risk;
