package io.infrapm.notification.webhook;

import io.infrapm.platform.lifecycle.PeriodicSweep;

import org.springframework.stereotype.Component;

/**
 * Tells the owners of suspended subscriptions who were not told when it happened (the
 * instance that suspended it stopped before it could), every
 * {@link WebhookRetrySettings#noticeInterval()}.
 */
@Component
class SuspensionWatch extends PeriodicSweep {

	private final WebhookSubscriptions subscriptions;

	SuspensionWatch(WebhookSubscriptions subscriptions, WebhookRetrySettings settings) {
		super("webhook-suspension-watch", settings.noticeInterval());
		this.subscriptions = subscriptions;
	}

	@Override
	public int sweep() {
		return this.subscriptions.tellOwners();
	}

}
