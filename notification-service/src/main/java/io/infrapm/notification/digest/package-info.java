/**
 * Digests: a recipient's e-mails that can wait, collected on their schedule into one mail
 * grouped by project, and for an executive a summary of each project (cost, schedule,
 * risk) in place of the list of events.
 */
package io.infrapm.notification.digest;
