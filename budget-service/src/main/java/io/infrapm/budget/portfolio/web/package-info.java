/**
 * The portfolio budget summary over REST.
 */
package io.infrapm.budget.portfolio.web;
