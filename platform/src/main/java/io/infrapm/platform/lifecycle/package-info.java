/**
 * Background work of a service's own: sweeps that finish what a crash left half done.
 */
package io.infrapm.platform.lifecycle;
