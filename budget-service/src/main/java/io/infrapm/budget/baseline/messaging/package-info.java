/**
 * The messaging edge of budget baselines.
 */
package io.infrapm.budget.baseline.messaging;
