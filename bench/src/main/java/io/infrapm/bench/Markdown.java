package io.infrapm.bench;

import java.util.List;
import java.util.Locale;

/**
 * The readable results file, written alongside the JSON one from the same figures.
 */
final class Markdown {

	private final StringBuilder text = new StringBuilder();

	Markdown heading(String heading) {
		this.text.append(System.lineSeparator()).append("## ").append(heading).append(System.lineSeparator());
		this.text.append(System.lineSeparator());
		return this;
	}

	Markdown line(String line) {
		this.text.append(line).append(System.lineSeparator());
		return this;
	}

	Markdown paragraph(String paragraph) {
		return line(paragraph).line("");
	}

	Markdown table(List<String> headers, List<List<Object>> rows) {
		row(headers.stream().map(Object.class::cast).toList());
		this.text.append('|');
		headers.forEach((header) -> this.text.append("---|"));
		this.text.append(System.lineSeparator());
		rows.forEach(this::row);
		this.text.append(System.lineSeparator());
		return this;
	}

	private void row(List<Object> cells) {
		this.text.append('|');
		for (Object cell : cells) {
			this.text.append(' ').append(cell(cell)).append(" |");
		}
		this.text.append(System.lineSeparator());
	}

	private static String cell(Object value) {
		if (value instanceof Double number) {
			return String.format(Locale.ROOT, (Math.abs(number) >= 100) ? "%,.0f" : "%.2f", number);
		}
		return String.valueOf(value);
	}

	/**
	 * Latency percentiles as one cell: {@code p50 / p95 / p99 / max ms}.
	 * @param distribution the latencies
	 * @return the cell
	 */
	static String percentiles(Distribution distribution) {
		return String.format(Locale.ROOT, "%.2f / %.2f / %.2f / %.2f", distribution.p50(), distribution.p95(),
				distribution.p99(), distribution.max());
	}

	@Override
	public String toString() {
		return this.text.toString();
	}

}
