package io.infrapm.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.infrapm.contracts.notification.Channel;
import io.infrapm.embedded.LocalMongo;
import io.infrapm.platform.idempotency.EventIdempotency;
import io.infrapm.platform.observability.InstanceIdentity;
import io.infrapm.platform.outbox.Aggregates;
import io.infrapm.platform.outbox.OutboxEntry;
import io.infrapm.platform.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.UuidRepresentation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

/**
 * The {@link Dispatcher} against a MongoDB-wire server, with two instance identities on
 * one database, a mail server that holds each sender inside {@code send} until released,
 * and a clock moved by hand.
 */
class NotificationDispatchTests {

	private static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

	private static final Duration NEVER_POLLS = Duration.ofHours(1);

	private static LocalMongo server;

	private static MongoClient client;

	private final MutableClock clock = new MutableClock(START);

	private final OutboxRelay relay = mock(OutboxRelay.class);

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private MongoTemplate mongo;

	private HeldMailGateway held;

	private CompletableFuture<Integer> inFlight;

	@BeforeAll
	static void startServer() {
		server = LocalMongo.inMemory();
		client = MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(server.baseUri()))
			.uuidRepresentation(UuidRepresentation.STANDARD)
			.build());
	}

	@AfterAll
	static void stopServer() {
		client.close();
		server.close();
	}

	@BeforeEach
	void emptyDatabase() {
		this.mongo = new MongoTemplate(client, "notification-dispatch-tests");
		this.mongo.dropCollection(Notification.class);
		this.held = HeldMailGateway.holding();
	}

	@AfterEach
	void releaseStragglers() {
		this.held.release();
		if (this.inFlight != null) {
			this.inFlight.join();
		}
	}

	@Test
	void sendsNothingFromASecondInstanceWhileTheFirstIsSending() {
		Notification notification = due("ada@example.com");
		HeldMailGateway second = HeldMailGateway.accepting();
		Dispatcher a = dispatcher("instance-a", this.held, null);
		Dispatcher b = dispatcher("instance-b", second, null);

		this.inFlight = CompletableFuture.supplyAsync(a::dispatchDue);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.held.entered() == 1);

		assertThat(b.dispatchDue()).isZero();
		assertThat(a.dispatchDue()).as("the same instance's next poll").isZero();
		assertThat(second.entered()).isZero();
		assertThat(stored(notification).status()).isEqualTo(NotificationStatus.SENDING);

		this.held.release();
		assertThat(this.inFlight.join()).isEqualTo(1);
		assertThat(b.dispatchDue()).isZero();

		assertThat(this.held.accepted()).singleElement()
			.satisfies((mail) -> assertThat(mail.to()).isEqualTo("ada@example.com"));
		assertThat(second.accepted()).isEmpty();
		Notification sent = stored(notification);
		assertThat(sent.status()).isEqualTo(NotificationStatus.SENT);
		assertThat(sent.attempts()).isEqualTo(1);
		assertThat(sent.outbox()).singleElement()
			.satisfies(
					(event) -> assertThat(event.type()).isEqualTo("io.infrapm.notification.NotificationDelivered.v1"));
		verify(this.relay, times(1)).publishSoon("notifications", notification.id());
	}

	@Test
	void sendsANewNotificationLookedUpByItsIdAndNotOneAnotherSenderHasClaimed() {
		Notification claimedElsewhere = due("grace@example.com");
		this.clock.advance(Duration.ofSeconds(1));
		Notification fresh = due("ada@example.com");
		// Instance b's poll claims the older one and is held inside the send.
		this.inFlight = CompletableFuture.supplyAsync(dispatcher("instance-b", this.held, null)::dispatchDue);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.held.entered() == 1);
		HeldMailGateway gateway = HeldMailGateway.accepting();
		Dispatcher dispatcher = dispatcher("instance-a", gateway, null);
		assertThat(dispatcher.dispatchFresh()).as("nothing announced yet").isZero();

		dispatcher.dispatchSoon(List.of(fresh.id(), claimedElsewhere.id()));
		assertThat(dispatcher.dispatchFresh()).isEqualTo(1);

		this.held.release();
		this.inFlight.join();
		assertThat(gateway.accepted()).singleElement()
			.satisfies((mail) -> assertThat(mail.to()).isEqualTo("ada@example.com"));
		assertThat(this.held.accepted()).singleElement()
			.satisfies((mail) -> assertThat(mail.to()).isEqualTo("grace@example.com"));
		assertThat(stored(fresh).status()).isEqualTo(NotificationStatus.SENT);
		assertThat(stored(fresh).attempts()).isOne();
		assertThat(stored(claimedElsewhere).status()).isEqualTo(NotificationStatus.SENT);
		assertThat(stored(claimedElsewhere).attempts()).isOne();
	}

	@Test
	void publishesTheDeliveryUnderAnEventIdDerivedFromTheNotification() {
		Notification notification = due("grace@example.com");
		this.held.release();

		dispatcher("instance-a", this.held, null).dispatchDue();

		OutboxEntry delivered = stored(notification).outbox().get(0);
		assertThat(delivered.eventId())
			.isEqualTo(EventIdempotency.derivedId(notification.id(), "NotificationDelivered"));
		assertThat(delivered.subject()).isEqualTo(notification.id().toString());
	}

	@Test
	void numbersTheDeliveryAsTheFirstEventOfTheNotification() {
		Notification notification = due("grace@example.com");
		this.held.release();

		dispatcher("instance-a", this.held, null).dispatchDue();

		Notification sent = stored(notification);
		assertThat(sent.outbox()).singleElement().satisfies((event) -> assertThat(event.sequence()).isEqualTo(1));
		assertThat(sent.version()).as("inserted, claimed, delivered").isEqualTo(2);
	}

	@Test
	void publishesOneNumberedDeliveryAfterAFailedAttempt() {
		Notification notification = due("ada@example.com");
		HeldMailGateway flaky = HeldMailGateway.accepting().refusing("451 try again later");
		Dispatcher dispatcher = dispatcher("instance-a", flaky, null);
		dispatcher.dispatchDue();
		flaky.accept();

		this.clock.advance(Duration.ofMinutes(1));
		dispatcher.dispatchDue();

		Notification sent = stored(notification);
		assertThat(sent.status()).isEqualTo(NotificationStatus.SENT);
		assertThat(sent.attempts()).isEqualTo(2);
		assertThat(sent.lastError()).isNull();
		assertThat(sent.outbox()).singleElement().satisfies((event) -> {
			assertThat(event.type()).isEqualTo("io.infrapm.notification.NotificationDelivered.v1");
			assertThat(event.eventId())
				.isEqualTo(EventIdempotency.derivedId(notification.id(), "NotificationDelivered"));
			assertThat(event.sequence()).isEqualTo(1);
		});
		assertThat(sent.version()).as("inserted, two claims, two outcomes").isEqualTo(4);
		verify(this.relay, times(1)).publishSoon("notifications", notification.id());
	}

	@Test
	void takesOverANotificationWhoseSenderLetItsClaimExpireAndRecordsOnlyTheNewOutcome() {
		Notification notification = due("linus@example.com");
		HeldMailGateway second = HeldMailGateway.holding();
		Dispatcher a = dispatcher("instance-a", this.held, null);
		Dispatcher b = dispatcher("instance-b", second, null);
		this.inFlight = CompletableFuture.supplyAsync(a::dispatchDue);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.held.entered() == 1);

		// As if instance A had stalled (or crashed) for longer than its whole claim.
		this.clock.advance(HeldMailGateway.LONGEST_SEND.plusSeconds(1));
		CompletableFuture<Integer> takeover = CompletableFuture.supplyAsync(b::dispatchDue);
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> second.entered() == 1);
			assertThat(
					this.registry.counter("infrapm.notifications", "channel", "email", "outcome", "reclaimed").count())
				.isEqualTo(1);

			// The stale claimant finishes while the new one is still sending: the
			// notification is SENDING as before, but under another token, so A's
			// outcome is refused.
			this.held.release();
			assertThat(this.inFlight.join()).isEqualTo(1);
			Notification meanwhile = stored(notification);
			assertThat(meanwhile.status()).isEqualTo(NotificationStatus.SENDING);
			assertThat(meanwhile.outbox()).isEmpty();
		}
		finally {
			second.release();
		}
		assertThat(takeover.join()).isEqualTo(1);

		Notification after = stored(notification);
		assertThat(after.status()).isEqualTo(NotificationStatus.SENT);
		assertThat(after.attempts()).isEqualTo(2);
		assertThat(after.outbox()).singleElement().satisfies((event) -> assertThat(event.sequence()).isEqualTo(1));
		// The documented duplicate after a takeover, recognisable by its Message-ID.
		assertThat(second.accepted()).singleElement()
			.satisfies((mail) -> assertThat(mail.messageId()).isEqualTo(this.held.accepted().get(0).messageId()));
		verify(this.relay, times(1)).publishSoon("notifications", notification.id());
	}

	@Test
	void returnsAFailedAttemptToPendingUnclaimedForItsRetry() {
		Notification notification = due("ada@example.com");
		HeldMailGateway refusing = HeldMailGateway.accepting().refusing("451 try again later");

		dispatcher("instance-a", refusing, null).dispatchDue();

		Notification retrying = stored(notification);
		assertThat(retrying.status()).isEqualTo(NotificationStatus.PENDING);
		assertThat(retrying.lastError()).isEqualTo("451 try again later");
		assertThat(retrying.claimToken()).isNull();
		assertThat(retrying.outbox()).isEmpty();
		verify(this.relay, never()).publishSoon("notifications", notification.id());
	}

	@Test
	void givesUpWithAFailureEventWhoseIdDerivesFromTheNotification() {
		Notification notification = due("ada@example.com");
		HeldMailGateway refusing = HeldMailGateway.accepting().refusing("550 no such user");
		Dispatcher dispatcher = dispatcher("instance-a", refusing, null);

		for (int attempt = 1; attempt <= 5; attempt++) {
			this.clock.advance(Duration.ofHours(2));
			dispatcher.dispatchDue();
		}

		Notification failed = stored(notification);
		assertThat(failed.status()).isEqualTo(NotificationStatus.FAILED);
		assertThat(failed.attempts()).isEqualTo(5);
		assertThat(failed.outbox()).singleElement().satisfies((event) -> {
			assertThat(event.type()).isEqualTo("io.infrapm.notification.NotificationFailed.v1");
			assertThat(event.eventId()).isEqualTo(EventIdempotency.derivedId(notification.id(), "NotificationFailed"));
			assertThat(event.sequence()).isEqualTo(1);
		});
	}

	@Test
	void claimsForTheLongestSendWhenNoClaimIsConfigured() {
		Notification notification = due("ada@example.com");
		Dispatcher dispatcher = dispatcher("instance-a", this.held, null);

		this.inFlight = CompletableFuture.supplyAsync(dispatcher::dispatchDue);
		await().atMost(Duration.ofSeconds(10)).until(() -> this.held.entered() == 1);

		assertThat(dispatcher.claimDuration()).isEqualTo(HeldMailGateway.LONGEST_SEND);
		assertThat(stored(notification).claimedUntil()).isEqualTo(START.plus(HeldMailGateway.LONGEST_SEND));
	}

	@Test
	void refusesToStartWithAClaimShorterThanTheLongestSend() {
		assertThatIllegalStateException()
			.isThrownBy(() -> dispatcher("instance-a", this.held, HeldMailGateway.LONGEST_SEND.minusSeconds(1)))
			.withMessageContaining("infrapm.notification.dispatch.claim")
			.withMessageContaining("PT10S");
	}

	@Test
	void sendsNewNotificationsSideBySideAndStopWaitsForEveryOneInFlight() {
		Notification first = due("ada@example.com");
		Notification second = due("grace@example.com");
		Notification third = due("linus@example.com");
		Dispatcher dispatcher = dispatcher("instance-a", this.held, null, 2);
		dispatcher.start();

		dispatcher.dispatchSoon(List.of(first.id(), second.id(), third.id()));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.held.entered() == 2);
		CompletableFuture<Void> stopping = CompletableFuture.runAsync(dispatcher::stop);
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !stopping.isDone());
		this.held.release();
		stopping.join();

		assertThat(this.held.accepted()).hasSize(2);
		assertThat(List.of(stored(first), stored(second), stored(third))).extracting(Notification::status)
			.containsExactlyInAnyOrder(NotificationStatus.SENT, NotificationStatus.SENT, NotificationStatus.PENDING);
	}

	@Test
	void stopWaitsForTheMailInFlightAndStartsNoOther() {
		Notification first = due("ada@example.com");
		this.clock.advance(Duration.ofSeconds(1));
		Notification second = due("grace@example.com");
		Dispatcher dispatcher = dispatcher("instance-a", this.held, null);
		dispatcher.start();
		dispatcher.dispatchSoon(List.of(first.id(), second.id()));
		await().atMost(Duration.ofSeconds(10)).until(() -> this.held.entered() == 1);

		CompletableFuture<Void> stopping = CompletableFuture.runAsync(dispatcher::stop);
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !stopping.isDone());

		this.held.release();
		stopping.join();
		assertThat(dispatcher.isRunning()).isFalse();
		assertThat(stored(first).status()).isEqualTo(NotificationStatus.SENT);
		assertThat(stored(second).status()).isEqualTo(NotificationStatus.PENDING);
		assertThat(stored(second).attempts()).isZero();
		assertThat(dispatcher.dispatchDue()).isZero();
		assertThat(this.held.entered()).isEqualTo(1);
	}

	private Notification due(String recipient) {
		UUID cause = UUID.randomUUID();
		Notification notification = Notification.of(Notification.idOf(cause, recipient, Channel.EMAIL),
				UUID.randomUUID(),
				new Outgoing(recipient, "Ada", Channel.EMAIL, Severity.INFO, List.of("welcome"),
						new Message("[DC-1] You were added to project Frankfurt DC exit", "Hello", null, null), null,
						null),
				new Cause(cause, "io.infrapm.project.ProjectCreated.v1"), this.clock.instant());
		this.mongo.insert(notification);
		return notification;
	}

	private Notification stored(Notification notification) {
		return this.mongo.findById(notification.id(), Notification.class);
	}

	/** These tests send e-mail only; a webhook attempt would be a mistake. */
	private static final WebhookChannel NO_WEBHOOKS = new WebhookChannel() {

		@Override
		public Duration longestSend() {
			return Duration.ofSeconds(1);
		}

		@Override
		public int maxAttempts() {
			return 1;
		}

		@Override
		public Duration backoff(int attempts) {
			return Duration.ofSeconds(1);
		}

		@Override
		public Attempt send(java.util.UUID subscriptionId, java.util.UUID deliveryId, String body) {
			throw new AssertionError("no webhook delivery expected");
		}

		@Override
		public void suspend(java.util.UUID subscriptionId, java.util.UUID projectId, String reason,
				java.time.Instant at) {
			throw new AssertionError("no webhook suspension expected");
		}

	};

	private Dispatcher dispatcher(String instance, MailGateway gateway, Duration claim) {
		return dispatcher(instance, gateway, claim, 1);
	}

	private Dispatcher dispatcher(String instance, MailGateway gateway, Duration claim, int senders) {
		DispatchSettings settings = new DispatchSettings(NEVER_POLLS, claim, 5, Duration.ofSeconds(30),
				"InfraPM <noreply@infrapm.local>", senders);
		return new Dispatcher(this.mongo, gateway, NO_WEBHOOKS, new Aggregates(this.mongo, this.relay), settings,
				new InstanceIdentity("notification-service", instance), this.clock, this.registry);
	}

}
