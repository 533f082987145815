/**
 * budget-service: owns budgets and costs and publishes {@code infrapm.budget.v1}.
 */
package io.infrapm.budget;
