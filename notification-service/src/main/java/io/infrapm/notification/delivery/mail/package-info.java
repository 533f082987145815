/**
 * The SMTP adapter of the delivery port.
 */
package io.infrapm.notification.delivery.mail;
