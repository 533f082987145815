/**
 * The REST edge of the audience: a project's recipients and each recipient's preferences.
 */
package io.infrapm.notification.audience.web;
