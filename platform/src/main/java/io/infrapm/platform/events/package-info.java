/**
 * The CloudEvents envelope and the JSON form of event data.
 */
package io.infrapm.platform.events;
