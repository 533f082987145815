package io.infrapm.notification.delivery;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A mail server that keeps every sender inside {@link #send} until the test
 * {@linkplain #release() releases} it, then accepts the mail, or refuses it if told to.
 */
final class HeldMailGateway implements MailGateway {

	static final Duration LONGEST_SEND = Duration.ofSeconds(10);

	private final CountDownLatch released;

	private final AtomicInteger entered = new AtomicInteger();

	private final List<OutgoingMail> accepted = new CopyOnWriteArrayList<>();

	private volatile String refusal;

	private HeldMailGateway(boolean held) {
		this.released = new CountDownLatch(held ? 1 : 0);
	}

	static HeldMailGateway holding() {
		return new HeldMailGateway(true);
	}

	static HeldMailGateway accepting() {
		return new HeldMailGateway(false);
	}

	HeldMailGateway refusing(String reason) {
		this.refusal = reason;
		return this;
	}

	/** Accepts from now on what it refused so far, as a mail server back from trouble. */
	void accept() {
		this.refusal = null;
	}

	@Override
	public void send(OutgoingMail message) {
		this.entered.incrementAndGet();
		try {
			if (!this.released.await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("The test never released the mail");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new MailNotSentException("interrupted", ex);
		}
		if (this.refusal != null) {
			throw new MailNotSentException(this.refusal, null);
		}
		this.accepted.add(message);
	}

	@Override
	public Duration longestSend() {
		return LONGEST_SEND;
	}

	void release() {
		this.released.countDown();
	}

	/** How many sends have begun, finished or not. */
	int entered() {
		return this.entered.get();
	}

	/** The mails the server accepted. */
	List<OutgoingMail> accepted() {
		return this.accepted;
	}

}
