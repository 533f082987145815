package io.infrapm.platform.outbox;

import org.springframework.data.mongodb.core.mapping.event.AbstractMongoEventListener;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;

/**
 * Starts publishing as soon as an aggregate with pending events has been saved, so events
 * leave within milliseconds instead of waiting for the next sweep.
 */
class OutboxTrigger extends AbstractMongoEventListener<PublishesEvents> {

	private final OutboxRelay relay;

	OutboxTrigger(OutboxRelay relay) {
		this.relay = relay;
	}

	@Override
	public void onAfterSave(AfterSaveEvent<PublishesEvents> event) {
		if (!event.getSource().outbox().isEmpty() && event.getDocument() != null) {
			this.relay.publishSoon(event.getCollectionName(), event.getDocument().get("_id"));
		}
	}

}
