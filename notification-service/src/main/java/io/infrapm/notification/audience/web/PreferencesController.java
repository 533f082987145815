package io.infrapm.notification.audience.web;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.infrapm.contracts.Actor;
import io.infrapm.contracts.notification.Channel;
import io.infrapm.notification.audience.Preferences;
import io.infrapm.notification.audience.PreferencesBook;
import io.infrapm.notification.audience.DigestSchedule;
import io.infrapm.notification.audience.QuietHours;
import io.infrapm.notification.delivery.Severity;
import io.infrapm.platform.problem.RuleViolationException;
import io.infrapm.platform.security.Caller;
import io.infrapm.platform.web.ETags;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/recipients/{email}/preferences}: how a person wants to be told. They read
 * and change their own; a portfolio manager anyone's. Critical alerts cannot be turned
 * off: they bypass mutes, quiet hours, the minimum severity and the chosen channels.
 */
@RestController
class PreferencesController {

	private final PreferencesBook book;

	PreferencesController(PreferencesBook book) {
		this.book = book;
	}

	/** The preferences, or the defaults at version 0 if the person never chose. */
	@GetMapping("/api/recipients/{email}/preferences")
	ResponseEntity<PreferencesView> read(@PathVariable @Email @Size(max = 320) String email, Caller caller) {
		Preferences preferences = this.book.read(email, caller);
		return ResponseEntity.ok().eTag(ETags.of(preferences.version())).body(PreferencesView.of(preferences));
	}

	/**
	 * Replaces the preferences under the ETag last read ({@code "0"} for the defaults).
	 */
	@PutMapping("/api/recipients/{email}/preferences")
	ResponseEntity<PreferencesView> replace(@PathVariable @Email @Size(max = 320) String email,
			@Valid @RequestBody PreferencesBody body,
			@RequestHeader(name = "If-Match", required = false) String ifMatch, Caller caller) {
		Preferences stored = this.book.replace(email, ifMatch, body.toChoice(), caller);
		return ResponseEntity.ok().eTag(ETags.of(stored.version())).body(PreferencesView.of(stored));
	}

	/**
	 * The preferences a person chooses.
	 *
	 * @param channels where they want what is not critical: {@code EMAIL},
	 * {@code IN_APP}, or both
	 * @param minimumSeverity what is less severe is not sent; {@code INFO} if absent
	 * @param mutedProjects projects they want nothing from but critical alerts
	 * @param quietHours when e-mail that can wait is held until they end, or absent
	 * @param criticalAlerts must be {@code true}: critical alerts cannot be turned off
	 * @param digest when e-mail that can wait is collected into one digest; at once if
	 * absent
	 */
	record PreferencesBody(@NotEmpty Set<Channel> channels, Severity minimumSeverity,
			@Size(max = 500) List<@NotNull UUID> mutedProjects, @Valid QuietHoursBody quietHours,
			Boolean criticalAlerts, @Valid DigestBody digest) {

		PreferencesBook.Choice toChoice() {
			if (Boolean.FALSE.equals(this.criticalAlerts)) {
				throw new RuleViolationException("criticalAlerts",
						"critical alerts cannot be turned off: they reach you whatever else you choose");
			}
			if (!Preferences.PERSONAL_CHANNELS.containsAll(this.channels)) {
				throw new RuleViolationException("channels",
						"a person is reached by EMAIL or IN_APP; webhooks are subscribed to at /api/webhooks");
			}
			Set<Channel> chosen = EnumSet.copyOf(this.channels);
			return new PreferencesBook.Choice(new LinkedHashSet<>(chosen),
					(this.minimumSeverity != null) ? this.minimumSeverity : Severity.INFO,
					(this.mutedProjects != null) ? List.copyOf(new LinkedHashSet<>(this.mutedProjects)) : List.of(),
					(this.quietHours != null) ? this.quietHours.toQuietHours() : null,
					(this.digest != null) ? this.digest.toSchedule() : null);
		}

	}

	/**
	 * A digest schedule.
	 *
	 * @param frequency {@code IMMEDIATE} (no digest), {@code DAILY} or {@code WEEKLY}
	 * @param at the local time it goes out, e.g. {@code 08:00}; required for daily and
	 * weekly
	 * @param day the day it goes out, e.g. {@code MONDAY}; required for weekly
	 * @param zone the person's time zone, e.g. {@code Europe/Berlin}; {@code UTC} if
	 * absent
	 */
	record DigestBody(@NotNull DigestSchedule.Frequency frequency, LocalTime at, DayOfWeek day,
			@Size(max = 64) String zone) {

		DigestSchedule toSchedule() {
			if (this.frequency == DigestSchedule.Frequency.IMMEDIATE) {
				return new DigestSchedule(this.frequency, null, null, null);
			}
			if (this.at == null) {
				throw new RuleViolationException("digest.at",
						"a " + this.frequency + " digest needs the time it goes out");
			}
			if (this.frequency == DigestSchedule.Frequency.WEEKLY && this.day == null) {
				throw new RuleViolationException("digest.day", "a weekly digest needs the day it goes out");
			}
			String zoneId;
			try {
				zoneId = (this.zone != null) ? ZoneId.of(this.zone).getId() : "UTC";
			}
			catch (DateTimeException ex) {
				throw new RuleViolationException("digest.zone",
						"'" + this.zone + "' is not a time zone; use a region id such as Europe/Berlin");
			}
			return new DigestSchedule(this.frequency, this.at.withSecond(0).withNano(0),
					(this.frequency == DigestSchedule.Frequency.WEEKLY) ? this.day : null, zoneId);
		}

	}

	/**
	 * Quiet hours.
	 *
	 * @param start when they begin, e.g. {@code 22:00}
	 * @param end when they end, e.g. {@code 07:00} (the next morning)
	 * @param zone the person's time zone, e.g. {@code Europe/Berlin}
	 */
	record QuietHoursBody(@NotNull LocalTime start, @NotNull LocalTime end, @NotNull @Size(max = 64) String zone) {

		QuietHours toQuietHours() {
			if (this.start.equals(this.end)) {
				throw new RuleViolationException("quietHours.end", "must differ from the start");
			}
			try {
				return new QuietHours(this.start, this.end, ZoneId.of(this.zone).getId());
			}
			catch (DateTimeException ex) {
				throw new RuleViolationException("quietHours.zone",
						"'" + this.zone + "' is not a time zone; use a region id such as Europe/Berlin");
			}
		}

	}

	/**
	 * A person's preferences.
	 *
	 * @param email whose
	 * @param channels where what is not critical reaches them
	 * @param minimumSeverity the least severity they are sent
	 * @param mutedProjects projects they hear only critical alerts of
	 * @param quietHours when e-mail that can wait is held, or {@code null}
	 * @param criticalAlerts always {@code true}
	 * @param digest when e-mail that can wait is collected into a digest
	 * @param version the version ({@code ETag}); 0 for the defaults
	 * @param updatedAt when they last changed, or {@code null}
	 * @param updatedBy who changed them, or {@code null}
	 */
	record PreferencesView(String email, Set<Channel> channels, Severity minimumSeverity, List<UUID> mutedProjects,
			QuietHours quietHours, boolean criticalAlerts, DigestSchedule digest, long version, Instant updatedAt,
			Actor updatedBy) {

		static PreferencesView of(Preferences p) {
			return new PreferencesView(p.email(), EnumSet.copyOf(p.channels()), p.minimumSeverity(), p.mutedProjects(),
					p.quietHours(), true, p.digestSchedule(), p.version(), p.updatedAt(), p.updatedBy());
		}

	}

}
