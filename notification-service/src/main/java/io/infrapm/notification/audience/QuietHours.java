package io.infrapm.notification.audience;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The hours in which a recipient wants no e-mail that can wait, in their own time zone.
 * They may span midnight (22:00 to 07:00).
 *
 * @param start when they begin
 * @param end when they end
 * @param zone the recipient's time zone, a region id such as {@code Europe/Berlin}
 */
public record QuietHours(LocalTime start, LocalTime end, String zone) {

	/**
	 * The time zone.
	 * @return it, parsed
	 */
	public ZoneId zoneId() {
		return ZoneId.of(this.zone);
	}

	/**
	 * Whether an instant falls in them.
	 * @param now the instant
	 * @return {@code true} inside
	 */
	public boolean contains(Instant now) {
		LocalTime time = now.atZone(zoneId()).toLocalTime();
		if (this.start.isBefore(this.end)) {
			return !time.isBefore(this.start) && time.isBefore(this.end);
		}
		return !time.isBefore(this.start) || time.isBefore(this.end);
	}

	/**
	 * When the quiet hours an instant falls in end.
	 * @param now an instant inside them
	 * @return the first end after it (a day without the end time, at a DST gap, ends an
	 * hour later)
	 */
	public Instant endAfter(Instant now) {
		ZonedDateTime local = now.atZone(zoneId());
		ZonedDateTime end = local.with(this.end);
		if (!end.isAfter(local)) {
			end = local.plusDays(1).with(this.end);
		}
		return end.toInstant();
	}

}
