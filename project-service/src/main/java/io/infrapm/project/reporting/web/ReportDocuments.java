package io.infrapm.project.reporting.web;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.lowagie.text.Chunk;
import com.lowagie.text.Document;
import com.lowagie.text.DocumentException;
import com.lowagie.text.Element;
import com.lowagie.text.Font;
import com.lowagie.text.PageSize;
import com.lowagie.text.Paragraph;
import com.lowagie.text.Phrase;
import com.lowagie.text.pdf.PdfPCell;
import com.lowagie.text.pdf.PdfPTable;
import com.lowagie.text.pdf.PdfWriter;
import io.infrapm.contracts.project.HealthColour;
import io.infrapm.contracts.project.HealthDimension;
import io.infrapm.contracts.project.HealthReason;
import io.infrapm.contracts.project.StatusReportPublished;

import org.springframework.web.util.HtmlUtils;

/**
 * A status report laid out for a steering committee, as HTML and as PDF (OpenPDF): the
 * header, the RAG table with the reasons, the manager's narrative, then the facts:
 * milestones, change requests, outages and service levels, budget, risks and issues. Both
 * are built from the same sections, so they say the same.
 */
final class ReportDocuments {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT)
		.withZone(java.time.ZoneOffset.UTC);

	private ReportDocuments() {
	}

	/** The report as one self-contained HTML page. */
	static String html(ReportView report) {
		StringBuilder html = new StringBuilder(16_384);
		html.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
			.append(escape(title(report)))
			.append("</title><style>body{font-family:sans-serif;max-width:60em;margin:2em auto;color:#222}"
					+ "table{border-collapse:collapse;width:100%;margin:.5em 0 1.5em}"
					+ "th,td{border:1px solid #bbb;padding:.35em .5em;text-align:left;vertical-align:top}"
					+ "th{background:#eee}.RED{background:#d9534f;color:#fff}.AMBER{background:#f0ad4e}"
					+ ".GREEN{background:#5cb85c;color:#fff}.meta{color:#555}</style></head><body>");
		html.append("<h1>").append(escape(title(report))).append("</h1>");
		html.append("<p class=\"meta\">").append(escape(subtitle(report))).append("</p>");
		for (Section section : sections(report)) {
			html.append("<h2>").append(escape(section.heading())).append("</h2>");
			if (section.table() != null) {
				html.append("<table><tr>");
				section.table().get(0).forEach((cell) -> html.append("<th>").append(escape(cell)).append("</th>"));
				html.append("</tr>");
				for (List<String> row : section.table().subList(1, section.table().size())) {
					html.append("<tr>");
					for (String cell : row) {
						String css = colourClass(cell);
						html.append((css != null) ? "<td class=\"" + css + "\">" : "<td>")
							.append(escape(cell))
							.append("</td>");
					}
					html.append("</tr>");
				}
				html.append("</table>");
			}
			section.lines().forEach((line) -> html.append("<p>").append(escape(line)).append("</p>"));
		}
		html.append("<p class=\"meta\">").append(escape(footer(report))).append("</p></body></html>");
		return html.toString();
	}

	/** The report as an A4 PDF. */
	static byte[] pdf(ReportView report) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		Document document = new Document(PageSize.A4, 42, 42, 48, 48);
		try {
			PdfWriter.getInstance(document, out);
			document.addTitle(title(report));
			document.addCreator("InfraPM project-service");
			document.open();
			document.add(new Paragraph(title(report), new Font(Font.HELVETICA, 16, Font.BOLD)));
			document.add(new Paragraph(subtitle(report), new Font(Font.HELVETICA, 9, Font.NORMAL, Color.DARK_GRAY)));
			Font heading = new Font(Font.HELVETICA, 12, Font.BOLD);
			Font body = new Font(Font.HELVETICA, 9);
			Font head = new Font(Font.HELVETICA, 9, Font.BOLD);
			for (Section section : sections(report)) {
				Paragraph title = new Paragraph(section.heading(), heading);
				title.setSpacingBefore(10);
				title.setSpacingAfter(4);
				document.add(title);
				if (section.table() != null) {
					List<String> header = section.table().get(0);
					PdfPTable table = new PdfPTable(header.size());
					table.setWidthPercentage(100);
					table.setHeaderRows(1);
					header.forEach((cell) -> {
						PdfPCell c = new PdfPCell(new Phrase(cell, head));
						c.setBackgroundColor(new Color(0xEE, 0xEE, 0xEE));
						table.addCell(c);
					});
					for (List<String> row : section.table().subList(1, section.table().size())) {
						for (String cell : row) {
							PdfPCell c = new PdfPCell(new Phrase(cell, body));
							Color fill = colour(cell);
							if (fill != null) {
								c.setBackgroundColor(fill);
							}
							table.addCell(c);
						}
					}
					document.add(table);
				}
				for (String line : section.lines()) {
					document.add(new Paragraph(line, body));
				}
			}
			Paragraph footer = new Paragraph(footer(report), new Font(Font.HELVETICA, 8, Font.ITALIC, Color.GRAY));
			footer.setSpacingBefore(12);
			footer.setAlignment(Element.ALIGN_LEFT);
			document.add(footer);
			document.add(Chunk.NEWLINE);
		}
		catch (DocumentException ex) {
			throw new IllegalStateException("could not lay out report " + report.number(), ex);
		}
		finally {
			document.close();
		}
		return out.toByteArray();
	}

	static String title(ReportView report) {
		return report.code() + " " + report.name() + ": status report " + report.number()
				+ ((report.edition() > 1) ? " (edition " + report.edition() + ")" : "");
	}

	private static String subtitle(ReportView report) {
		return label(report.period().name()) + " report for the " + label(report.audience().name()) + ", "
				+ report.periodStart() + " to " + report.asOf() + " ("
				+ ((report.status() == io.infrapm.project.reporting.StatusReport.Status.PUBLISHED) ? "published"
						: "DRAFT")
				+ ")";
	}

	private static String footer(ReportView report) {
		String drafted = "Drafted by InfraPM from the facts as of " + report.asOf() + " on "
				+ TIME.format(report.draftedAt())
				+ ((report.draftedBy() != null) ? " for " + report.draftedBy().name() : "");
		String published = (report.publishedAt() != null) ? "; published on " + TIME.format(report.publishedAt())
				+ ((report.publishedBy() != null) ? " by " + report.publishedBy().name() : "") : "";
		return drafted + published + ". Health rules " + report.health().rulesVersion() + ".";
	}

	static List<Section> sections(ReportView report) {
		List<Section> sections = new ArrayList<>();
		StatusReportPublished.Health health = report.health();
		List<List<String>> rag = new ArrayList<>();
		rag.add(List.of("Dimension", "Colour", "Why"));
		rag.add(List.of("Overall", health.overall().name(), "The worst of the four below"));
		addDimension(rag, "Schedule", health.schedule(), health.reasons(), HealthDimension.SCHEDULE);
		addDimension(rag, "Cost", health.cost(), health.reasons(), HealthDimension.COST);
		addDimension(rag, "Scope", health.scope(), health.reasons(), HealthDimension.SCOPE);
		addDimension(rag, "Risk", health.risk(), health.reasons(), HealthDimension.RISK);
		sections.add(new Section("Health", rag, List.of()));
		sections.add(new Section("Summary", null,
				List.of((report.summary() != null) ? report.summary() : "(not written yet)")));
		sections.add(bullets("Accomplishments", report.accomplishments()));
		sections.add(bullets("Next steps", report.nextSteps()));
		sections.add(bullets("Decisions requested", report.decisionsRequested()));
		sections.add(milestones("Milestones reached in the period", report.milestonesCompleted()));
		sections.add(milestones("Milestones due in the next period", report.milestonesDue()));
		sections.add(milestones("Milestones missed", report.milestonesMissed()));
		List<List<String>> changes = new ArrayList<>();
		changes.add(List.of("Change request", "Category", "Cost impact", "Schedule impact", "Submitted"));
		report.changeRequests()
			.forEach((c) -> changes.add(List.of(c.number() + " " + c.title(), label(c.category().name()),
					(c.costImpact() != null) ? c.costImpact().toPlainString() : "-", c.scheduleImpactDays() + " days",
					TIME.format(c.submittedAt()))));
		sections.add(tableOrNone("Change requests waiting for a decision", changes));
		List<List<String>> outages = new ArrayList<>();
		outages.add(List.of("Service", "Kind", "Impact", "From", "To"));
		report.outages()
			.forEach((o) -> outages
				.add(List.of(o.service(), o.planned() ? "planned" : "unplanned", label(o.impact().name()),
						TIME.format(o.start()), (o.end() != null) ? TIME.format(o.end()) : "ongoing")));
		sections.add(tableOrNone("Outages", outages));
		List<List<String>> breaches = new ArrayList<>();
		breaches.add(List.of("Service", "Breach", "What happened"));
		report.serviceBreaches().forEach((b) -> breaches.add(List.of(b.service(), label(b.kind()), b.detail())));
		sections.add(tableOrNone("Service-level breaches", breaches));
		StatusReportPublished.Budget budget = report.budget();
		if (budget != null) {
			String currency = (budget.currency() != null) ? " " + budget.currency() : "";
			sections.add(new Section("Budget", List.of(List.of("BAC", "Actual", "EAC", "CPI", "SPI"),
					List.of(amount(budget.budgetAtCompletion(), currency), amount(budget.actualTotal(), currency),
							amount(budget.estimateAtCompletion(), currency), amount(budget.costPerformanceIndex(), ""),
							amount(budget.schedulePerformanceIndex(), ""))),
					List.of()));
		}
		else {
			sections.add(new Section("Budget", null, List.of("No budget figures in this report.")));
		}
		StatusReportPublished.Risks risks = report.risks();
		if (risks != null) {
			List<List<String>> top = new ArrayList<>();
			top.add(List.of("Risk", "Score", "Band"));
			risks.top()
				.forEach((r) -> top.add(List.of(r.number() + " " + r.title(), Integer.toString(r.score()),
						(r.band() != null) ? r.band().name() : "-")));
			sections.add(
					new Section("Top risks", (top.size() > 1) ? top : null,
							List.of(risks.openThreats() + " open threats, " + risks.critical() + " critical, "
									+ risks.high() + " high"
									+ ((risks.expectedExposure() != null)
											? "; expected exposure " + risks.expectedExposure().toPlainString()
													+ ((risks.currency() != null) ? " " + risks.currency() : "")
											: ""))));
		}
		else {
			sections.add(new Section("Top risks", null, List.of("No risk assessed yet.")));
		}
		List<List<String>> issues = new ArrayList<>();
		issues.add(List.of("Issue", "Severity"));
		report.issues().forEach((i) -> issues.add(List.of(i.number() + " " + i.title(), i.severity().name())));
		sections.add(tableOrNone("Open issues", issues));
		return sections;
	}

	private static void addDimension(List<List<String>> rag, String name, HealthColour colour,
			List<HealthReason> reasons, HealthDimension dimension) {
		List<String> why = reasons.stream()
			.filter((reason) -> reason.dimension() == dimension)
			.map(HealthReason::fact)
			.toList();
		rag.add(List.of(name, colour.name(), String.join("; ", why)));
	}

	private static Section bullets(String heading, List<String> items) {
		return new Section(heading, null,
				items.isEmpty() ? List.of("None.") : items.stream().map((item) -> "- " + item).toList());
	}

	private static Section milestones(String heading, List<StatusReportPublished.Milestone> milestones) {
		List<List<String>> rows = new ArrayList<>();
		rows.add(List.of("Milestone", "Due", "Reached", "Critical"));
		milestones.forEach((m) -> rows.add(List.of(m.name(), m.dueDate().toString(),
				(m.completedOn() != null) ? m.completedOn().toString() : "-", m.critical() ? "yes" : "no")));
		return tableOrNone(heading, rows);
	}

	private static Section tableOrNone(String heading, List<List<String>> rows) {
		return (rows.size() > 1) ? new Section(heading, rows, List.of()) : new Section(heading, null, List.of("None."));
	}

	private static String amount(BigDecimal value, String unit) {
		return (value != null) ? value.toPlainString() + unit : "-";
	}

	private static String label(String constant) {
		String text = constant.toLowerCase(Locale.ROOT).replace('_', ' ');
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static String colourClass(String cell) {
		return switch (cell) {
			case "RED", "AMBER", "GREEN" -> cell;
			default -> null;
		};
	}

	private static Color colour(String cell) {
		return switch (cell) {
			case "RED" -> new Color(0xD9, 0x53, 0x4F);
			case "AMBER" -> new Color(0xF0, 0xAD, 0x4E);
			case "GREEN" -> new Color(0x5C, 0xB8, 0x5C);
			default -> null;
		};
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

	/**
	 * One section: a heading, a table (its first row the header) or {@code null}, and
	 * lines of text.
	 */
	record Section(String heading, List<List<String>> table, List<String> lines) {
	}

}
