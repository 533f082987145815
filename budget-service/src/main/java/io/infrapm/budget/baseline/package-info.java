/**
 * Budget baselines: a project's budget at completion, established from the approved
 * amount.
 */
package io.infrapm.budget.baseline;
