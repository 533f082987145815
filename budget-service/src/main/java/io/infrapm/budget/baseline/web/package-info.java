/**
 * The REST edge of budget baselines.
 */
package io.infrapm.budget.baseline.web;
