/**
 * {@code /api/portfolio}: the summary and the rows of the portfolio.
 */
package io.infrapm.project.rollup.web;
