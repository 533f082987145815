/**
 * The portfolio's money: budget at completion, actual costs, estimates at completion and
 * cost performance of every project the caller may see, per project and in total per
 * currency, read from the totals each budget keeps.
 */
package io.infrapm.budget.portfolio;
