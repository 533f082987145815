package io.infrapm.notification.audience;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import io.infrapm.contracts.notification.Channel;
import io.infrapm.notification.delivery.Severity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When digests go out, in the recipient's own time zone, and which notifications wait for
 * them.
 */
class DigestScheduleTests {

	private static final DigestSchedule DAILY_BERLIN = new DigestSchedule(DigestSchedule.Frequency.DAILY,
			LocalTime.of(8, 0), null, "Europe/Berlin");

	private static final DigestSchedule FRIDAYS_NEW_YORK = new DigestSchedule(DigestSchedule.Frequency.WEEKLY,
			LocalTime.of(16, 30), DayOfWeek.FRIDAY, "America/New_York");

	@Test
	void goesOutDailyAtTheLocalTimeLaterTodayOrElseTomorrow() {
		// 06:59 in Berlin (CET, UTC+1): today at 08:00.
		assertThat(DAILY_BERLIN.nextAfter(Instant.parse("2026-12-04T05:59:00Z")))
			.isEqualTo(Instant.parse("2026-12-04T07:00:00Z"));
		// Exactly 08:00: that one has gone, the next is tomorrow's.
		assertThat(DAILY_BERLIN.nextAfter(Instant.parse("2026-12-04T07:00:00Z")))
			.isEqualTo(Instant.parse("2026-12-05T07:00:00Z"));
	}

	@Test
	void followsTheChangeToSummerTime() {
		// Berlin moves to CEST (UTC+2) on 2027-03-28: 08:00 is then 06:00 UTC.
		assertThat(DAILY_BERLIN.nextAfter(Instant.parse("2027-03-27T08:00:00Z")))
			.isEqualTo(Instant.parse("2027-03-28T06:00:00Z"));
	}

	@Test
	void goesOutWeeklyOnItsDay() {
		// Friday 2026-12-04, 10:00 in New York (UTC-5): today at 16:30.
		assertThat(FRIDAYS_NEW_YORK.nextAfter(Instant.parse("2026-12-04T15:00:00Z")))
			.isEqualTo(Instant.parse("2026-12-04T21:30:00Z"));
		// Friday after 16:30: the next Friday.
		assertThat(FRIDAYS_NEW_YORK.nextAfter(Instant.parse("2026-12-04T22:00:00Z")))
			.isEqualTo(Instant.parse("2026-12-11T21:30:00Z"));
		// Monday: the coming Friday.
		assertThat(FRIDAYS_NEW_YORK.nextAfter(Instant.parse("2026-12-07T12:00:00Z")))
			.isEqualTo(Instant.parse("2026-12-11T21:30:00Z"));
	}

	@Test
	void putsOnlyEmailThatCanWaitIntoTheDigest() {
		Instant now = Instant.parse("2026-12-04T05:59:00Z");
		UUID project = UUID.randomUUID();
		Preferences daily = new Preferences("ada@example.com", Preferences.PERSONAL_CHANNELS, Severity.INFO, List.of(),
				null, DAILY_BERLIN, 1, now, null);

		assertThat(daily.decide(project, Channel.EMAIL, Severity.WARNING, now).digestAt())
			.isEqualTo(Instant.parse("2026-12-04T07:00:00Z"));
		assertThat(daily.decide(project, Channel.IN_APP, Severity.WARNING, now).digestAt()).as("the feed never waits")
			.isNull();
		assertThat(daily.decide(project, Channel.EMAIL, Severity.CRITICAL, now).digestAt())
			.as("critical alerts never wait")
			.isNull();

		Preferences immediate = Preferences.defaults("bob@example.com");
		assertThat(immediate.decide(project, Channel.EMAIL, Severity.INFO, now).digestAt()).isNull();
		assertThat(immediate.decide(project, Channel.EMAIL, Severity.INFO, true, now).digestAt())
			.as("a rule that asks for a digest: daily at 08:00 UTC")
			.isEqualTo(Instant.parse("2026-12-04T08:00:00Z"));
	}

}
