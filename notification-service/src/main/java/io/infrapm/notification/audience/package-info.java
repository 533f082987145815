/**
 * Who may be told: each project's recipients, kept from project events, and each
 * recipient's preferences.
 */
package io.infrapm.notification.audience;
