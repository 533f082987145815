/**
 * Risk registers: one per project, opened when the project is created.
 */
package io.infrapm.risk.register;
