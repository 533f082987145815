package io.infrapm.project.portfolio;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.infrapm.contracts.project.OutageImpact;
import io.infrapm.contracts.project.ServiceLevelTerms;
import io.infrapm.contracts.project.ServiceTarget;

/**
 * How each service of a project did over a period: its availability (the part of the
 * period it was not out, counting unplanned outages of {@code FULL} impact, overlapping
 * ones once), planned downtime beside it, and the breaches: availability under target,
 * and, for a service a vendor runs, unplanned outages answered or resolved later than the
 * vendor's service levels allow (one still open and unanswered counts from its start; one
 * that ended with no response recorded has no response time to judge). A period reaching
 * into the future is measured up to now; an outage that still lasts counts until now.
 */
public final class ServiceLevels {

	private ServiceLevels() {
	}

	/**
	 * The report of a project over a period.
	 * @param project the project
	 * @param from the first instant of the period
	 * @param to the instant after its last
	 * @param now the current time
	 * @return one entry per service, in catalogue order
	 */
	public static List<Level> of(Project project, Instant from, Instant to, Instant now) {
		Map<UUID, Vendor> vendors = project.vendors()
			.stream()
			.collect(java.util.stream.Collectors.toMap(Vendor::id, java.util.function.Function.identity()));
		return report(project.services(), project.outages(), vendors, from, to, now);
	}

	/**
	 * The report over a period.
	 * @param catalogue the services and targets
	 * @param outages the project's outages
	 * @param vendors the vendors, by id
	 * @param from the first instant of the period
	 * @param to the instant after its last
	 * @param now the current time
	 * @return one entry per service, in catalogue order
	 */
	static List<Level> report(ServiceCatalogue catalogue, List<Outage> outages, Map<UUID, Vendor> vendors, Instant from,
			Instant to, Instant now) {
		Instant until = to.isAfter(now) ? now : to;
		long periodSeconds = Math.max(0, Duration.between(from, until).getSeconds());
		List<Level> levels = new ArrayList<>();
		for (ServiceTarget service : catalogue.services()) {
			List<Outage> ofService = outages.stream()
				.filter((o) -> o.service().equalsIgnoreCase(service.name()))
				.filter((o) -> o.start().isBefore(until) && o.endOr(now).isAfter(from))
				.sorted(Comparator.comparing(Outage::start))
				.toList();
			long down = downtime(ofService.stream().filter((o) -> !o.planned()).toList(), from, until, now);
			long plannedDown = downtime(ofService.stream().filter(Outage::planned).toList(), from, until, now);
			BigDecimal availability = (periodSeconds == 0) ? null
					: BigDecimal.valueOf(periodSeconds - down)
						.multiply(BigDecimal.valueOf(100))
						.divide(BigDecimal.valueOf(periodSeconds), 3, RoundingMode.DOWN);
			List<Breach> breaches = new ArrayList<>();
			if (availability != null && availability.compareTo(service.availabilityTarget()) < 0) {
				breaches.add(new Breach(BreachKind.AVAILABILITY, null, "availability " + availability.toPlainString()
						+ " % is under the target of " + service.availabilityTarget().toPlainString() + " %"));
			}
			Vendor vendor = (service.vendorId() != null) ? vendors.get(service.vendorId()) : null;
			ServiceLevelTerms terms = (vendor != null) ? vendor.serviceLevels() : null;
			if (terms != null) {
				for (Outage outage : ofService) {
					if (!outage.planned()) {
						breaches.addAll(vendorBreaches(outage, vendor, terms, now));
					}
				}
			}
			levels.add(new Level(service, periodSeconds / 60, down / 60, plannedDown / 60, availability,
					ofService.size(), breaches));
		}
		return levels;
	}

	private static List<Breach> vendorBreaches(Outage outage, Vendor vendor, ServiceLevelTerms terms, Instant now) {
		List<Breach> breaches = new ArrayList<>();
		// An incident that ended with no response recorded: its response time is unknown.
		boolean measurable = outage.respondedAt() != null || outage.end() == null;
		Duration response = Duration.between(outage.start(),
				(outage.respondedAt() != null) ? outage.respondedAt() : now);
		if (measurable && response.toMinutes() > terms.responseMinutes()) {
			breaches.add(new Breach(BreachKind.RESPONSE_TIME, outage.id(),
					((outage.respondedAt() != null) ? "answered after " : "unanswered for ") + minutes(response) + ", "
							+ vendor.name() + " promises " + terms.responseMinutes() + " min"));
		}
		Duration resolution = Duration.between(outage.start(), outage.endOr(now));
		if (resolution.toMinutes() > terms.resolutionMinutes()) {
			breaches.add(new Breach(BreachKind.RESOLUTION_TIME, outage.id(),
					((outage.end() != null) ? "resolved after " : "unresolved for ") + minutes(resolution) + ", "
							+ vendor.name() + " promises " + terms.resolutionMinutes() + " min"));
		}
		return breaches;
	}

	private static String minutes(Duration duration) {
		return duration.toMinutes() + " min";
	}

	/** Seconds of the period covered by {@code FULL} outages, overlaps counted once. */
	private static long downtime(List<Outage> outages, Instant from, Instant until, Instant now) {
		long seconds = 0;
		Instant covered = from;
		for (Outage outage : outages) {
			if (outage.impact() != OutageImpact.FULL) {
				continue;
			}
			Instant start = outage.start().isAfter(covered) ? outage.start() : covered;
			Instant end = outage.endOr(now).isBefore(until) ? outage.endOr(now) : until;
			if (end.isAfter(start)) {
				seconds += Duration.between(start, end).getSeconds();
				covered = end;
			}
		}
		return seconds;
	}

	/**
	 * What a service-level breach is about.
	 */
	public enum BreachKind {

		/** Availability under target over the period. */
		AVAILABILITY,

		/** An incident answered later than the vendor promises. */
		RESPONSE_TIME,

		/** An incident resolved later than the vendor promises. */
		RESOLUTION_TIME

	}

	/**
	 * One breach.
	 *
	 * @param kind what it is about
	 * @param outageId the outage, or {@code null} for availability
	 * @param detail the breach in words
	 */
	public record Breach(BreachKind kind, UUID outageId, String detail) {
	}

	/**
	 * One service over the period.
	 *
	 * @param service the service and its target
	 * @param periodMinutes the minutes measured
	 * @param downtimeMinutes minutes out, unplanned
	 * @param plannedDowntimeMinutes minutes out, planned
	 * @param availability the availability in percent (three decimals, rounded down), or
	 * {@code null} if nothing of the period has passed
	 * @param outages the outages in the period
	 * @param breaches the breaches
	 */
	public record Level(ServiceTarget service, long periodMinutes, long downtimeMinutes, long plannedDowntimeMinutes,
			BigDecimal availability, int outages, List<Breach> breaches) {
	}

}
