package io.infrapm.notification.routing;

import io.infrapm.platform.lifecycle.PeriodicSweep;

import org.springframework.stereotype.Component;

/**
 * Looks for unacknowledged critical alerts that are due to climb, every
 * {@link EscalationSettings#sweepInterval()}; their due times are stored, so a restart
 * loses none, and each step is guarded by the alert's version, so several instances may
 * sweep at once.
 */
@Component
class EscalationWatch extends PeriodicSweep {

	private final Escalations escalations;

	EscalationWatch(Escalations escalations, EscalationSettings settings) {
		super("escalation-watch", settings.sweepInterval());
		this.escalations = escalations;
	}

	@Override
	public int sweep() {
		return this.escalations.escalateDue();
	}

}
