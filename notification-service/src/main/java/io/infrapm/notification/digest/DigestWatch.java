package io.infrapm.notification.digest;

import io.infrapm.platform.lifecycle.PeriodicSweep;

import org.springframework.stereotype.Component;

/**
 * Sends the digests that are due, every {@link DigestSettings#sweepInterval()}; a
 * digest's e-mails are marked before it is built, so a restart or a second instance sends
 * each of them in one digest.
 */
@Component
class DigestWatch extends PeriodicSweep {

	private final Digests digests;

	DigestWatch(Digests digests, DigestSettings settings) {
		super("digest-watch", settings.sweepInterval());
		this.digests = digests;
	}

	@Override
	public int sweep() {
		return this.digests.sendDue();
	}

}
