package io.infrapm.notification.audience;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;

/**
 * When a recipient's e-mail that can wait is collected into one digest: at once (no
 * digest), daily at a time, or weekly on a day at a time, in their own time zone.
 * {@code CRITICAL} notifications never wait for a digest.
 *
 * @param frequency {@code IMMEDIATE}, {@code DAILY} or {@code WEEKLY}
 * @param at the local time the digest goes out (daily and weekly)
 * @param day the day it goes out (weekly)
 * @param zone the recipient's time zone, a region id such as {@code Europe/Berlin}
 */
public record DigestSchedule(Frequency frequency, LocalTime at, DayOfWeek day, String zone) {

	/** The time of a digest a routing rule asks for when the recipient chose none. */
	public static final DigestSchedule DAILY_AT_EIGHT_UTC = new DigestSchedule(Frequency.DAILY, LocalTime.of(8, 0),
			null, "UTC");

	/** How often digests go out. */
	public enum Frequency {

		/** No digest: every notification goes out by itself. */
		IMMEDIATE,
		/** Once a day. */
		DAILY,
		/** Once a week. */
		WEEKLY

	}

	/**
	 * Whether notifications wait for a digest at all.
	 * @return {@code false} for {@code IMMEDIATE}
	 */
	public boolean collects() {
		return this.frequency != Frequency.IMMEDIATE;
	}

	/**
	 * When the next digest after an instant goes out.
	 * @param now the instant
	 * @return the first digest time strictly after it (at a gap in the local time, such
	 * as the change to summer time, the moment after the gap)
	 */
	public Instant nextAfter(Instant now) {
		ZonedDateTime local = now.atZone(ZoneId.of(this.zone));
		ZonedDateTime next = local.with(this.at).withSecond(0).withNano(0);
		if (this.frequency == Frequency.WEEKLY) {
			next = next.with(TemporalAdjusters.nextOrSame(this.day));
			if (!next.isAfter(local)) {
				next = local.with(TemporalAdjusters.next(this.day)).with(this.at).withSecond(0).withNano(0);
			}
		}
		else if (!next.isAfter(local)) {
			next = local.plusDays(1).with(this.at).withSecond(0).withNano(0);
		}
		return next.toInstant();
	}

}
