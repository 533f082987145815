/**
 * The messaging edge of risk registers.
 */
package io.infrapm.risk.register.messaging;
