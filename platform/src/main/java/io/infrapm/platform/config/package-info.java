/**
 * Configuration every service shares, applied as overridable defaults.
 */
package io.infrapm.platform.config;
