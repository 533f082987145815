package io.infrapm.notification.audience;

import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.infrapm.contracts.notification.Channel;
import io.infrapm.notification.delivery.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a recipient's choices let through: critical alerts always and at once; anything
 * else only on the channels, from the severity and outside the muted projects they chose,
 * and e-mail after their quiet hours.
 */
class PreferencesTests {

	private static final UUID PROJECT = UUID.randomUUID();

	/** Monday 2027-03-01 23:30 in Berlin (CET, UTC+1). */
	private static final Instant NIGHT = Instant.parse("2027-03-01T22:30:00Z");

	private static final QuietHours NIGHTS = new QuietHours(LocalTime.of(22, 0), LocalTime.of(7, 0), "Europe/Berlin");

	@Test
	void letsCriticalAlertsThroughEverythingAtOnce() {
		Preferences strict = new Preferences("ada@example.com", Set.of(Channel.IN_APP), Severity.CRITICAL,
				List.of(PROJECT), NIGHTS, null, 3, null, null);
		assertThat(strict.decide(PROJECT, Channel.EMAIL, Severity.CRITICAL, NIGHT))
			.isEqualTo(new Preferences.Decision(true, null, null));
	}

	@Test
	void dropsWhatIsMutedBelowTheMinimumOrOnAnUnchosenChannel() {
		Preferences chosen = new Preferences("ada@example.com", Set.of(Channel.IN_APP), Severity.WARNING,
				List.of(PROJECT), null, null, 1, null, null);
		UUID other = UUID.randomUUID();
		assertThat(chosen.decide(PROJECT, Channel.IN_APP, Severity.WARNING, NIGHT).send()).as("muted").isFalse();
		assertThat(chosen.decide(other, Channel.IN_APP, Severity.INFO, NIGHT).send()).as("below").isFalse();
		assertThat(chosen.decide(other, Channel.EMAIL, Severity.WARNING, NIGHT).send()).as("channel").isFalse();
		assertThat(chosen.decide(other, Channel.IN_APP, Severity.WARNING, NIGHT).send()).isTrue();
		assertThat(Preferences.defaults("ada@example.com").decide(PROJECT, Channel.EMAIL, Severity.INFO, NIGHT))
			.isEqualTo(new Preferences.Decision(true, null, null));
	}

	@Test
	void holdsEmailInQuietHoursUntilTheyEndInTheRecipientsZoneButNotTheFeed() {
		Preferences nights = new Preferences("ada@example.com", Preferences.PERSONAL_CHANNELS, Severity.INFO, List.of(),
				NIGHTS, null, 1, null, null);
		assertThat(nights.decide(PROJECT, Channel.EMAIL, Severity.WARNING, NIGHT))
			.isEqualTo(new Preferences.Decision(true, Instant.parse("2027-03-02T06:00:00Z"), null));
		assertThat(nights.decide(PROJECT, Channel.IN_APP, Severity.WARNING, NIGHT))
			.isEqualTo(new Preferences.Decision(true, null, null));
		Instant morning = Instant.parse("2027-03-02T05:30:00Z");
		assertThat(nights.decide(PROJECT, Channel.EMAIL, Severity.INFO, morning).notBefore())
			.isEqualTo(Instant.parse("2027-03-02T06:00:00Z"));
		Instant day = Instant.parse("2027-03-02T06:00:00Z");
		assertThat(nights.decide(PROJECT, Channel.EMAIL, Severity.INFO, day))
			.isEqualTo(new Preferences.Decision(true, null, null));
	}

	@Test
	void knowsQuietHoursWithinOneDayAndAcrossTheChangeToSummerTime() {
		QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0), "UTC");
		assertThat(lunch.contains(Instant.parse("2027-03-02T12:30:00Z"))).isTrue();
		assertThat(lunch.contains(Instant.parse("2027-03-02T13:00:00Z"))).isFalse();
		assertThat(lunch.contains(Instant.parse("2027-03-02T11:59:00Z"))).isFalse();
		// Berlin moves to CEST on 2027-03-28: 07:00 that morning is 05:00 UTC.
		assertThat(NIGHTS.endAfter(Instant.parse("2027-03-27T23:00:00Z")))
			.isEqualTo(Instant.parse("2027-03-28T05:00:00Z"));
	}

}
