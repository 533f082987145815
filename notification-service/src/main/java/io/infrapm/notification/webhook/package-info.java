/**
 * Webhooks: the primitives for calling subscribers' URLs safely. Deliveries are signed as
 * Standard Webhooks prescribes
 * ({@link io.infrapm.notification.webhook.WebhookSignature}), aimed only at public
 * addresses unless configured otherwise
 * ({@link io.infrapm.notification.webhook.AddressGuard}), and sent with bounded time and
 * no redirects ({@link io.infrapm.notification.webhook.WebhookSender}).
 */
package io.infrapm.notification.webhook;
