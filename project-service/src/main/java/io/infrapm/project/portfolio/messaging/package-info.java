/**
 * The messaging edge of the portfolio: domain changes mapped to contract events.
 */
package io.infrapm.project.portfolio.messaging;
