/**
 * The REST edge of the portfolio.
 */
package io.infrapm.project.portfolio.web;
