/**
 * The REST edge of risk registers.
 */
package io.infrapm.risk.register.web;
