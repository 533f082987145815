/**
 * Events of budget-service, published on {@code infrapm.budget.v1}.
 */
package io.infrapm.contracts.budget;
