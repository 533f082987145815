package io.infrapm.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;

import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * The portfolio the portfolio probe preloads into budget-service's database: per project
 * a budget ({@code budgets}), its cost entries ({@code costs}) and its membership
 * ({@code project_memberships}), as documents in exactly the shape budget-service writes
 * them (BigDecimal as Decimal128 with its scale, Spring Data MongoDB 5's default; UUID as
 * binary subtype 4; enums by name; Instant and LocalDate as BSON dates, the latter at UTC
 * midnight; a line's {@code id} as {@code _id}), with the totals each budget keeps
 * consistent with its costs. {@link PortfolioProbe} checks that shape against documents
 * budget-service wrote itself before it preloads anything. The same index always gives
 * the same project, so the figures the probe expects are known without reading anything
 * back.
 */
final class PortfolioData {

	/**
	 * The one member who is a FINANCE stakeholder of exactly {@value #MEMBER_PROJECTS}
	 * projects (and a technical lead, who does not see the money, of as many others).
	 */
	static final String MEMBER = "finance.member@example.com";

	/** How many projects {@link #MEMBER} sees the budget of. */
	static final int MEMBER_PROJECTS = 25;

	/** What the budgets are in: 80 % EUR, 15 % USD, 5 % GBP. */
	static final List<String> CURRENCIES = List.of("EUR", "USD", "GBP");

	/** The default thresholds of a budget, in percent of BAC. */
	private static final int[] THRESHOLDS = { 50, 80, 90, 100 };

	private static final LocalDate PLANNED_START = LocalDate.of(2027, 1, 4);

	private static final LocalDate PLANNED_FINISH = LocalDate.of(2027, 12, 17);

	/** The date of the progress report of a measured project. */
	static final LocalDate MEASURED_AS_OF = LocalDate.of(2027, 6, 30);

	private static final Instant ESTABLISHED = Instant.parse("2026-12-01T09:00:00Z");

	private static final String[][] LINES = { { "Labour", "LABOUR", "OPEX" }, { "Hardware", "HARDWARE", "CAPEX" },
			{ "Services", "SERVICES", "OPEX" } };

	private static final int[] LINE_SHARES = { 50, 30, 20 };

	private static final int VENDORS = 50;

	private static final int MANAGERS = 200;

	private static final int SPONSORS = 50;

	/**
	 * What budget-service writes that the probe copies from documents it made through the
	 * API rather than guess: the type hints and the actors.
	 *
	 * @param budgetClass the {@code _class} of a budget, or {@code null} for none
	 * @param costClass the {@code _class} of a cost entry, or {@code null}
	 * @param membershipClass the {@code _class} of a membership, or {@code null}
	 * @param progressClass the {@code _class} of a progress point in a budget, or
	 * {@code null}
	 * @param serviceActor who set the first baseline (the service itself)
	 * @param managerActor who recorded the costs and planned the lines
	 */
	record Template(String budgetClass, String costClass, String membershipClass, String progressClass,
			Document serviceActor, Document managerActor) {
	}

	/**
	 * One generated project's money, from which the expected answers are summed.
	 *
	 * @param index its number, from 0
	 * @param id the project id
	 * @param code its code, {@code PF-00042}, which the summary sorts by
	 * @param currency the budget's currency
	 * @param budgetAtCompletion BAC
	 * @param actual the actual costs
	 * @param committed the open commitments
	 * @param estimateAtCompletion the measured EAC, or {@code null}
	 * @param member whether {@link #MEMBER} sees its budget
	 */
	record Project(int index, UUID id, String code, String currency, BigDecimal budgetAtCompletion, BigDecimal actual,
			BigDecimal committed, BigDecimal estimateAtCompletion, boolean member) {
	}

	/**
	 * One project's documents.
	 *
	 * @param project its figures
	 * @param budget the budget document
	 * @param costs its cost entries
	 * @param membership its membership document
	 */
	record Generated(Project project, Document budget, List<Document> costs, Document membership) {
	}

	private final int projects;

	private final int costs;

	private final Template template;

	private final int memberStride;

	/**
	 * A portfolio.
	 * @param projects how many projects
	 * @param costs how many cost entries over all of them
	 * @param template what is copied from budget-service's own documents
	 */
	PortfolioData(int projects, int costs, Template template) {
		this.projects = projects;
		this.costs = costs;
		this.template = template;
		this.memberStride = projects / MEMBER_PROJECTS;
	}

	int projects() {
		return this.projects;
	}

	/**
	 * How many cost entries project {@code index} has: on average {@code costs/projects},
	 * from half to one and a half times that, adding up to exactly {@code costs}.
	 * @param index the project
	 * @return its count
	 */
	int costCount(int index) {
		int base = this.costs / this.projects;
		int remainder = this.costs % this.projects;
		int count = base + ((index < remainder) ? 1 : 0);
		// Pairs of projects trade entries, so the total stays exact.
		int pair = index / 2;
		int swing = (int) (new SplittableRandom(pair * 7919L).nextInt(base / 2 + 1));
		if (index % 2 == 0 && index + 1 < this.projects) {
			count += swing;
		}
		else if (index % 2 == 1) {
			count -= swing;
		}
		return count;
	}

	/**
	 * The id of project {@code index}.
	 * @param index the project
	 * @return its id
	 */
	static UUID projectId(int index) {
		return UUID.nameUUIDFromBytes(("portfolio-bench/project/" + index).getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The id of a cost entry: ordered by project and entry, as a time-ordered UUID
	 * (version 7) would be in the order they were recorded. budget-service gives random
	 * ones; the store keeps a collection in a B-tree by {@code _id}, and a million random
	 * keys, a thousand per commit, rewrite a page of it for nearly every entry, which
	 * made the preload several times slower. Only the preload differs: the summary reads
	 * no cost.
	 * @param index the project
	 * @param entry the entry's number in it
	 * @param random the project's random numbers
	 * @return the id
	 */
	static UUID costId(int index, int entry, SplittableRandom random) {
		long mostSignificant = ((((long) index << 24) | entry) << 16) | 0x7000L;
		long leastSignificant = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
		return new UUID(mostSignificant, leastSignificant);
	}

	/**
	 * The code of project {@code index}.
	 * @param index the project
	 * @return e.g. {@code PF-00042}
	 */
	static String code(int index) {
		return String.format(Locale.ROOT, "PF-%05d", index);
	}

	/**
	 * The currency of project {@code index}: one in twenty GBP, three in twenty USD, the
	 * rest EUR.
	 * @param index the project
	 * @return the currency
	 */
	static String currency(int index) {
		int slot = index % 20;
		return (slot == 0) ? "GBP" : (slot <= 3) ? "USD" : "EUR";
	}

	/**
	 * Whether {@link #MEMBER} is a FINANCE stakeholder of project {@code index}.
	 * @param index the project
	 * @return whether they are
	 */
	boolean financeMember(int index) {
		return index % this.memberStride == 0 && index / this.memberStride < MEMBER_PROJECTS;
	}

	private boolean technicalLeadMember(int index) {
		return index % this.memberStride == this.memberStride / 2 && index / this.memberStride < MEMBER_PROJECTS;
	}

	/**
	 * Generates project {@code index}: its costs, the budget whose totals they make, and
	 * its membership.
	 * @param index the project, from 0
	 * @return its documents and figures
	 */
	Generated generate(int index) {
		SplittableRandom random = new SplittableRandom(0x5EEDL * 1_000_003L + index);
		UUID projectId = projectId(index);
		String currency = currency(index);
		long bacCents = 10_000_000L + random.nextLong(190_000_000L);
		Instant established = ESTABLISHED.plusSeconds(index);
		List<Document> lines = new ArrayList<>();
		long[] linePlanned = new long[LINES.length];
		long[] lineActual = new long[LINES.length];
		long[] lineCommitted = new long[LINES.length];
		UUID[] lineIds = new UUID[LINES.length];
		for (int l = 0; l < LINES.length; l++) {
			linePlanned[l] = bacCents * LINE_SHARES[l] / 100;
			lineIds[l] = new UUID(random.nextLong(), random.nextLong());
		}
		int count = costCount(index);
		double share = 0.2 + 0.9 * random.nextDouble();
		long averageCents = Math.max(100, (long) (share * bacCents / Math.max(1, count)));
		TreeMap<String, Long> actualByDay = new TreeMap<>();
		Map<String, Object> openCommitments = new LinkedHashMap<>();
		List<Document> costs = new ArrayList<>(count);
		long actualCents = 0;
		long committedCents = 0;
		for (int c = 0; c < count; c++) {
			int l = random.nextInt(LINES.length);
			boolean commitment = random.nextInt(5) == 0;
			long cents = Math.max(1, (long) (averageCents * (0.5 + random.nextDouble())));
			LocalDate incurredOn = LocalDate.of(2027, 1, 1).plusDays(random.nextInt(365));
			UUID costId = costId(index, c, random);
			int vendor = random.nextInt(VENDORS);
			String vendorName = "Vendor " + vendor + " Ltd";
			Document cost = new Document();
			cost.append("_id", costId)
				.append("projectId", projectId)
				.append("kind", commitment ? "COMMITMENT" : "ACTUAL")
				.append("amount", money(cents))
				.append("category", LINES[l][1])
				.append("expenditureType", LINES[l][2])
				.append("lineId", lineIds[l])
				.append("incurredOn", date(incurredOn))
				.append("vendor", vendorName)
				.append("vendorKey", vendorName.toLowerCase(Locale.ROOT))
				.append("reference", (commitment ? "PO-" : "INV-") + index + "-" + c)
				.append("description", "Benchmark cost " + c + " of " + code(index))
				.append("relieved", decimal(BigDecimal.ZERO))
				.append("recordedAt",
						Date.from(incurredOn.atTime(10, 0).toInstant(ZoneOffset.UTC).plusSeconds(c % 3600)))
				.append("recordedBy", this.template.managerActor());
			classHint(cost, this.template.costClass());
			costs.add(cost);
			if (commitment) {
				committedCents += cents;
				lineCommitted[l] += cents;
				openCommitments.put(costId.toString(), money(cents));
			}
			else {
				actualCents += cents;
				lineActual[l] += cents;
				actualByDay.merge(incurredOn.toString(), cents, Long::sum);
			}
		}
		Map<String, Object> byCategory = new LinkedHashMap<>();
		Map<String, long[]> byType = new LinkedHashMap<>();
		for (int l = 0; l < LINES.length; l++) {
			lines.add(new Document("_id", lineIds[l]).append("name", LINES[l][0])
				.append("category", LINES[l][1])
				.append("expenditureType", LINES[l][2])
				.append("planned", money(linePlanned[l]))
				.append("months", List.of())
				.append("actual", money(lineActual[l]))
				.append("committed", money(lineCommitted[l]))
				.append("closed", false)
				.append("revision", 1)
				.append("plannedAt", Date.from(established.plusSeconds(60 + l)))
				.append("plannedBy", this.template.managerActor())
				.append("updatedAt", Date.from(established.plusSeconds(60 + l)))
				.append("updatedBy", this.template.managerActor()));
			byCategory.put(LINES[l][1], figures(linePlanned[l], lineActual[l], lineCommitted[l]));
			long[] type = byType.computeIfAbsent(LINES[l][2], (key) -> new long[3]);
			type[0] += linePlanned[l];
			type[1] += lineActual[l];
			type[2] += lineCommitted[l];
		}
		Document types = new Document();
		byType.forEach((type, sums) -> types.append(type, figures(sums[0], sums[1], sums[2])));
		Document days = new Document();
		actualByDay.forEach((day, cents) -> days.append(day, money(cents)));
		List<Integer> crossed = new ArrayList<>();
		for (int threshold : THRESHOLDS) {
			if (actualCents * 100 >= bacCents * threshold) {
				crossed.add(threshold);
			}
		}
		Document budget = new Document();
		budget.append("_id", projectId)
			.append("budgetId", UUID.nameUUIDFromBytes(("budget/" + projectId).getBytes(StandardCharsets.UTF_8)))
			.append("projectCode", code(index))
			.append("projectName", "Portfolio project " + index)
			.append("budgetAtCompletion", money(bacCents))
			.append("currency", currency)
			.append("establishedAt", Date.from(established))
			.append("projectRevision", 1L)
			.append("plannedStart", date(PLANNED_START))
			.append("plannedFinish", date(PLANNED_FINISH))
			.append("baselines",
					List.of(new Document("number", 1).append("budgetAtCompletion", money(bacCents))
						.append("change", decimal(BigDecimal.ZERO))
						.append("effectiveOn", date(PLANNED_START))
						.append("at", Date.from(established))
						.append("by", this.template.serviceActor())))
			.append("lines", lines)
			.append("actual", money(actualCents))
			.append("committed", money(committedCents))
			.append("byCategory", new Document(byCategory))
			.append("byType", types)
			.append("actualByDay", days);
		Document progress = new Document();
		Document appliedSequences = new Document();
		BigDecimal eac = null;
		Document measurement = null;
		if (index % 10 < 7) {
			BigDecimal percent = BigDecimal.valueOf(2000 + random.nextInt(6001), 2);
			measurement = measurement(bacCents, actualByDay, percent);
			eac = (measurement.get("estimateAtCompletion") instanceof Decimal128 measured) ? measured.bigDecimalValue()
					: null;
			Document point = new Document("reportId", new UUID(random.nextLong(), random.nextLong()))
				.append("percentComplete", decimal(percent))
				.append("reportedAt", Date.from(MEASURED_AS_OF.atTime(17, 0).toInstant(ZoneOffset.UTC)))
				.append("reportedBy", this.template.managerActor());
			classHint(point, this.template.progressClass());
			progress.append(MEASURED_AS_OF.toString(), point);
			appliedSequences.append(projectId.toString(), 2L);
		}
		budget.append("progress", progress);
		if (measurement != null) {
			budget.append("measurement", measurement);
		}
		budget.append("appliedSequences", appliedSequences)
			.append("openCommitments", new Document(openCommitments))
			.append("crossed", crossed)
			.append("newCosts", List.of())
			.append("frozen", false)
			.append("version", (long) count + LINES.length + ((measurement != null) ? 1 : 0))
			.append("eventSequence", 1L + count + LINES.length + crossed.size() + ((measurement != null) ? 2 : 0))
			.append("outbox", List.of());
		classHint(budget, this.template.budgetClass());
		Project project = new Project(index, projectId, code(index), currency, BigDecimal.valueOf(bacCents, 2),
				BigDecimal.valueOf(actualCents, 2), BigDecimal.valueOf(committedCents, 2), eac, financeMember(index));
		return new Generated(project, budget, costs, membership(index, projectId, random));
	}

	/**
	 * The performance as of {@link #MEASURED_AS_OF}, as {@code Budget.measure} computes
	 * it with the default settings (EAC by CPI, amber below 0.95, red below 0.90): PV
	 * spread evenly over the planned duration (the lines are not spread over months), EV
	 * the percent complete of BAC, AC the actual costs by then.
	 */
	private static Document measurement(long bacCents, TreeMap<String, Long> actualByDay, BigDecimal percent) {
		BigDecimal bac = BigDecimal.valueOf(bacCents, 2);
		long acCents = actualByDay.headMap(MEASURED_AS_OF.toString(), true)
			.values()
			.stream()
			.mapToLong(Long::longValue)
			.sum();
		BigDecimal ac = BigDecimal.valueOf(acCents, 2);
		long elapsed = ChronoUnit.DAYS.between(PLANNED_START, MEASURED_AS_OF) + 1;
		long duration = ChronoUnit.DAYS.between(PLANNED_START, PLANNED_FINISH) + 1;
		BigDecimal pv = bac.multiply(BigDecimal.valueOf(elapsed))
			.divide(BigDecimal.valueOf(duration), MathContext.DECIMAL128)
			.setScale(2, RoundingMode.HALF_EVEN);
		BigDecimal ev = bac.multiply(percent).divide(BigDecimal.valueOf(100), 2, RoundingMode.HALF_EVEN);
		BigDecimal cpi = (ac.signum() > 0) ? ev.divide(ac, MathContext.DECIMAL128) : null;
		BigDecimal spi = (pv.signum() > 0) ? ev.divide(pv, MathContext.DECIMAL128) : null;
		BigDecimal eac = (cpi != null && cpi.signum() > 0)
				? bac.divide(cpi, MathContext.DECIMAL128).setScale(2, RoundingMode.HALF_EVEN) : null;
		Document measurement = new Document("asOf", date(MEASURED_AS_OF));
		if (cpi != null) {
			measurement.append("costPerformanceIndex", decimal(cpi.setScale(4, RoundingMode.HALF_EVEN)));
		}
		if (spi != null) {
			measurement.append("schedulePerformanceIndex", decimal(spi.setScale(4, RoundingMode.HALF_EVEN)));
		}
		measurement.append("method", "CPI");
		if (eac != null) {
			measurement.append("estimateAtCompletion", decimal(eac));
		}
		return measurement.append("costBand", band(cpi))
			.append("scheduleBand", band(spi))
			.append("overrun", eac != null && eac.compareTo(bac) > 0);
	}

	private static String band(BigDecimal index) {
		if (index == null || index.compareTo(new BigDecimal("0.95")) >= 0) {
			return "GREEN";
		}
		return (index.compareTo(new BigDecimal("0.90")) >= 0) ? "AMBER" : "RED";
	}

	/**
	 * The membership of a project as budget-service's copy holds it after
	 * {@code ProjectCreated}: manager, sponsor, two or three stakeholders by id, every
	 * address normalised.
	 */
	private Document membership(int index, UUID projectId, SplittableRandom random) {
		String manager = "manager-" + (index % MANAGERS) + "@example.com";
		String sponsor = "sponsor-" + (index % SPONSORS) + "@example.com";
		Document stakeholders = new Document();
		LinkedHashSet<String> addresses = new LinkedHashSet<>(List.of(manager, sponsor));
		List<String[]> entries = new ArrayList<>();
		entries.add(new String[] { "engineer-" + (index % 500) + "@example.com", "TECHNICAL_LEAD" });
		entries.add(new String[] { "steering-" + (index % 40) + "@example.com", "STEERING_COMMITTEE" });
		if (financeMember(index)) {
			entries.add(new String[] { MEMBER, "FINANCE" });
		}
		else if (technicalLeadMember(index)) {
			entries.add(new String[] { MEMBER, "TECHNICAL_LEAD" });
		}
		for (String[] entry : entries) {
			stakeholders.append(new UUID(random.nextLong(), random.nextLong()).toString(),
					new Document("email", entry[0]).append("role", entry[1]));
			addresses.add(entry[0]);
		}
		Document membership = new Document("_id", projectId).append("manager", manager)
			.append("sponsor", sponsor)
			.append("stakeholders", stakeholders)
			.append("appliedSequences", new Document(projectId.toString(), 1L))
			.append("addresses", new ArrayList<>(addresses))
			.append("projectVersion", 0L);
		classHint(membership, this.template.membershipClass());
		return membership;
	}

	private static void classHint(Document document, String typeHint) {
		if (typeHint != null) {
			document.append("_class", typeHint);
		}
	}

	private static Document figures(long planned, long actual, long committed) {
		return new Document("planned", money(planned)).append("actual", money(actual))
			.append("committed", money(committed));
	}

	/** Money in cents as budget-service stores it. */
	private static Decimal128 money(long cents) {
		return decimal(BigDecimal.valueOf(cents, 2));
	}

	/**
	 * A BigDecimal as Spring Data MongoDB 5 stores it: a Decimal128 of the same scale.
	 */
	private static Decimal128 decimal(BigDecimal value) {
		return new Decimal128(value);
	}

	/** A LocalDate as Spring Data stores it: the instant of its UTC midnight. */
	static Date date(LocalDate day) {
		return Date.from(day.atStartOfDay(ZoneOffset.UTC).toInstant());
	}

}
