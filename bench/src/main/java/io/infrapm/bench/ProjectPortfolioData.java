package io.infrapm.bench;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;

import org.bson.Document;
import org.bson.types.Decimal128;

/**
 * The portfolio rows (and one past day's snapshots of them) that
 * {@link ProjectPortfolioProbe} preloads into project-service's database: shaped as
 * project-service writes {@code portfolio_rows} and {@code portfolio_snapshots} (enums as
 * names, BigDecimal as Decimal128, UUIDs as standard binaries, a LocalDate as the instant
 * of its UTC midnight, {@code null} fields left out), which the probe checks against rows
 * project-service wrote itself before it preloads anything. The same index and day always
 * give the same row, so the answers the probe expects are known without reading anything
 * back.
 */
final class ProjectPortfolioData {

	/**
	 * The one member who reads {@value #MEMBER_PROJECTS} projects, and the money of half.
	 */
	static final String MEMBER = "portfolio.member@example.com";

	/** How many projects {@link #MEMBER} reads. */
	static final int MEMBER_PROJECTS = 50;

	static final List<String> CATEGORIES = List.of("DATA_CENTRE_MIGRATION", "SERVER_UPGRADE", "STORAGE_UPGRADE",
			"NETWORK_ROLLOUT", "HARDWARE_REFRESH", "CLOUD_MIGRATION", "SECURITY_SYSTEMS");

	private static final List<String> TITLES = List.of("Data centre move", "Server upgrade", "Storage upgrade",
			"Network roll-out", "Hardware refresh", "Cloud migration", "Security systems");

	static final List<String> PHASES = List.of("INITIATING", "PLANNING", "EXECUTING", "MONITORING_CONTROLLING",
			"CLOSING");

	private static final int MANAGERS = 200;

	private static final int SPONSORS = 50;

	/**
	 * What project-service writes that the probe copies from its own rows rather than
	 * guess: the type hints.
	 *
	 * @param rowClass the {@code _class} of a row, or {@code null} for none
	 * @param snapshotClass the {@code _class} of a snapshot, or {@code null}
	 * @param snapshotRowClass the {@code _class} of the row in a snapshot, or
	 * {@code null}
	 */
	record Template(String rowClass, String snapshotClass, String snapshotRowClass) {
	}

	/**
	 * A milestone of a row.
	 *
	 * @param name its name
	 * @param dueDate its due date
	 * @param critical whether it is critical
	 */
	record Milestone(String name, LocalDate dueDate, boolean critical) {
	}

	/**
	 * One generated row's figures, from which the expected answers are made.
	 *
	 * @param index its number, from 0
	 * @param id the project id
	 * @param code its code, {@code PP-00042}
	 * @param name its name
	 * @param category its category
	 * @param phase its phase
	 * @param status its status
	 * @param managerEmail its manager
	 * @param reader whether {@link #MEMBER} reads it
	 * @param moneyReader whether {@link #MEMBER} sees its money
	 * @param overall the overall colour, or {@code null} before the first assessment
	 * @param next the next milestone, or {@code null}
	 * @param missed the missed milestones
	 * @param currency the money's currency
	 * @param budgetAtCompletion BAC
	 * @param actualTotal the actual costs, or {@code null}
	 * @param estimateAtCompletion EAC, or {@code null}
	 * @param costPerformanceIndex CPI, or {@code null}
	 * @param topRiskScore the top risk's score, or 0 for none
	 */
	record Row(int index, UUID id, String code, String name, String category, String phase, String status,
			String managerEmail, boolean reader, boolean moneyReader, String overall, Milestone next,
			List<Milestone> missed, String currency, BigDecimal budgetAtCompletion, BigDecimal actualTotal,
			BigDecimal estimateAtCompletion, BigDecimal costPerformanceIndex, int topRiskScore) {

		/** Red first, then amber, green and not assessed, as the HEALTH order has it. */
		int severity() {
			return (this.overall == null) ? 3 : switch (this.overall) {
				case "RED" -> 0;
				case "AMBER" -> 1;
				default -> 2;
			};
		}

	}

	/**
	 * One row with its document.
	 *
	 * @param row its figures
	 * @param document the document as stored
	 */
	record Generated(Row row, Document document) {
	}

	private final int projects;

	private final Template template;

	private final int memberStride;

	private final Instant writtenAt;

	/**
	 * A portfolio.
	 * @param projects how many projects
	 * @param template what is copied from project-service's own documents
	 * @param writtenAt when today's rows count as written: before the run, so that the
	 * service's first look takes them and later looks do not
	 */
	ProjectPortfolioData(int projects, Template template, Instant writtenAt) {
		this.projects = projects;
		this.template = template;
		this.writtenAt = writtenAt;
		this.memberStride = projects / MEMBER_PROJECTS;
	}

	int projects() {
		return this.projects;
	}

	static UUID projectId(int index) {
		return UUID.nameUUIDFromBytes(("project-portfolio-bench/project/" + index).getBytes(StandardCharsets.UTF_8));
	}

	static String code(int index) {
		return String.format(Locale.ROOT, "PP-%05d", index);
	}

	/**
	 * Project {@code index}'s row as it stands at the end of a day, for a portfolio
	 * looked at on {@code today}: the day itself moves the colours and the money, so a
	 * past day's portfolio differs from today's.
	 * @param index the project, from 0
	 * @param day the day the row stands for
	 * @param today the day of the run
	 * @return the row and its document
	 */
	Generated generate(int index, LocalDate day, LocalDate today) {
		int age = (int) (today.toEpochDay() - day.toEpochDay());
		SplittableRandom random = new SplittableRandom(0x9E3779B97F4A7C15L * (index + 1));
		UUID id = projectId(index);
		String category = CATEGORIES.get(index % CATEGORIES.size());
		String name = TITLES.get(index % TITLES.size()) + " " + index;
		String phase = PHASES.get((index / CATEGORIES.size()) % PHASES.size());
		String status = (index % 25 == 0) ? "ON_HOLD" : (index % 50 == 1) ? "CLOSED" : "ACTIVE";
		int manager = index % MANAGERS;
		String managerEmail = "manager." + manager + "@example.com";
		String sponsorEmail = "sponsor." + (index % SPONSORS) + "@example.com";
		boolean moneyReader = index % this.memberStride == 0 && index / this.memberStride < MEMBER_PROJECTS / 2;
		boolean reader = moneyReader || (index % this.memberStride == this.memberStride / 2
				&& index / this.memberStride < MEMBER_PROJECTS / 2);
		TreeSet<String> readers = new TreeSet<>(List.of(managerEmail, sponsorEmail));
		TreeSet<String> moneyReaders = new TreeSet<>(readers);
		if (reader) {
			readers.add(MEMBER);
		}
		if (moneyReader) {
			moneyReaders.add(MEMBER);
		}
		// 10 % red, 25 % amber, 60 % green, 5 % not assessed; a past day shifts them.
		int slot = (index + 7 * age) % 20;
		String overall = (slot < 2) ? "RED" : (slot < 7) ? "AMBER" : (slot < 19) ? "GREEN" : null;
		Milestone next = (status.equals("CLOSED") || index % 10 == 9) ? null
				: new Milestone("Milestone " + (index % 12 + 1), day.plusDays(1 + index % 90), index % 3 == 0);
		List<Milestone> missed = new ArrayList<>();
		if ("RED".equals(overall)) {
			missed.add(new Milestone("Cutover", day.minusDays(1 + index % 45), true));
			if (index % 4 == 0) {
				missed.add(new Milestone("Vendor delivery", day.minusDays(3 + index % 70), false));
			}
		}
		String currency = PortfolioData.currency(index);
		long bacCents = 10_000_000L + random.nextLong(190_000_000L);
		boolean budgetKnown = index % 10 != 9;
		boolean measured = index % 10 < 7;
		long actualCents = (long) (bacCents * (0.1 + 0.8 * random.nextDouble()) * (age > 0 ? 0.8 : 1.0));
		BigDecimal bac = BigDecimal.valueOf(bacCents, 2);
		BigDecimal actual = budgetKnown ? BigDecimal.valueOf(actualCents, 2) : null;
		BigDecimal cpi = null;
		BigDecimal spi = null;
		BigDecimal eac = null;
		if (measured) {
			cpi = BigDecimal.valueOf(80 + random.nextInt(31) - (age > 0 ? 2 : 0), 2);
			spi = BigDecimal.valueOf(82 + random.nextInt(25), 2);
			eac = bac.divide(cpi, MathContext.DECIMAL64).setScale(2, RoundingMode.HALF_EVEN);
		}
		int score = (index % 5 == 4) ? 0 : 1 + (index * 7 + age) % 25;
		Document row = new Document("_id", id).append("code", code(index))
			.append("name", name)
			.append("category", category)
			.append("methodology", (index % 4 == 0) ? "AGILE" : "WATERFALL")
			.append("phase", phase)
			.append("status", status)
			.append("managerName", "Manager " + manager)
			.append("managerEmail", managerEmail)
			.append("readers", List.copyOf(readers))
			.append("moneyReaders", List.copyOf(moneyReaders));
		if (overall != null) {
			boolean red = overall.equals("RED");
			boolean amber = overall.equals("AMBER");
			row.append("overall", overall)
				.append("schedule", red ? "RED" : "GREEN")
				.append("cost", amber || (red && index % 3 == 0) ? "AMBER" : "GREEN")
				.append("scope", "GREEN")
				.append("risk", (amber && index % 2 == 0) || red ? "AMBER" : "GREEN");
		}
		if (next != null) {
			row.append("nextMilestone", milestone(next));
		}
		row.append("missed", missed.stream().map(ProjectPortfolioData::milestone).toList())
			.append("budgetAtCompletion", new Decimal128(bac));
		if (actual != null) {
			row.append("actualTotal", new Decimal128(actual));
		}
		if (eac != null) {
			row.append("estimateAtCompletion", new Decimal128(eac));
		}
		row.append("currency", currency);
		if (cpi != null) {
			row.append("costPerformanceIndex", new Decimal128(cpi))
				.append("schedulePerformanceIndex", new Decimal128(spi));
		}
		if (score > 0) {
			row.append("topRisk",
					new Document("number", "R-" + (1 + index % 7)).append("title", "Top threat of " + code(index))
						.append("score", score)
						.append("band", band(score)));
		}
		row.append("openThreats", (score > 0) ? 1 + index % 6 : 0)
			.append("projectVersion", 5L + index % 7 - Math.min(age, 3))
			.append("healthVersion", (overall != null) ? 2L + index % 4 : 0L)
			.append("signalsRevision", 3L + index % 5)
			.append("updatedAt", Date
				.from(((age == 0) ? this.writtenAt : day.atTime(18, 0).toInstant(ZoneOffset.UTC)).plusMillis(index)));
		classHint(row, (age == 0) ? this.template.rowClass() : this.template.snapshotRowClass());
		Row figures = new Row(index, id, code(index), name, category, phase, status, managerEmail, reader, moneyReader,
				overall, next, List.copyOf(missed), currency, bac, actual, eac, cpi, score);
		return new Generated(figures, row);
	}

	/**
	 * Project {@code index}'s snapshot of a past day, as project-service keeps it.
	 * @param index the project
	 * @param day the past day
	 * @param today the day of the run
	 * @return the snapshot's row and its document
	 */
	Generated snapshot(int index, LocalDate day, LocalDate today) {
		Generated row = generate(index, day, today);
		Document snapshot = new Document("_id", projectId(index) + "/" + day).append("projectId", projectId(index))
			.append("day", date(day))
			.append("row", row.document());
		classHint(snapshot, this.template.snapshotClass());
		return new Generated(row.row(), snapshot);
	}

	static String band(int score) {
		return (score >= 16) ? "CRITICAL" : (score >= 10) ? "HIGH" : (score >= 5) ? "MEDIUM" : "LOW";
	}

	private static Document milestone(Milestone milestone) {
		return new Document("name", milestone.name()).append("dueDate", date(milestone.dueDate()))
			.append("critical", milestone.critical());
	}

	private static Date date(LocalDate day) {
		return Date.from(day.atStartOfDay().toInstant(ZoneOffset.UTC));
	}

	private static void classHint(Document document, String hint) {
		if (hint != null) {
			document.append("_class", hint);
		}
	}

}
