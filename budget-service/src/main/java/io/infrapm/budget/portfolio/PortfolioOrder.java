package io.infrapm.budget.portfolio;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Every project of the portfolio in code order, as of one read of the rows: what a page
 * of the whole portfolio is cut from, so that an answer fetches only its page's rows by
 * id instead of asking the store to sort ten thousand of them. Made with each count of
 * the totals, so it is exactly as old as they are.
 *
 * @param all every project, by code
 * @param byCurrency the same, per currency
 * @param readAt when the rows were read
 */
record PortfolioOrder(List<Entry> all, Map<String, List<Entry>> byCurrency, Instant readAt) {

	static final Comparator<Entry> BY_CODE = Comparator
		.comparing(Entry::projectCode, Comparator.nullsLast(Comparator.naturalOrder()))
		.thenComparing(Entry::projectId);

	static PortfolioOrder of(List<Entry> entries, Instant readAt) {
		List<Entry> sorted = entries.stream().sorted(BY_CODE).toList();
		return new PortfolioOrder(sorted,
				sorted.stream().collect(Collectors.groupingBy(Entry::currency, Collectors.toUnmodifiableList())),
				readAt);
	}

	/**
	 * The projects of a currency, or all.
	 * @param currency the currency, or {@code null}
	 * @return them, by code
	 */
	List<Entry> of(String currency) {
		return (currency != null) ? this.byCurrency.getOrDefault(currency, List.of()) : this.all;
	}

	/**
	 * One project's place.
	 *
	 * @param projectCode its code
	 * @param projectId its id
	 * @param currency its budget's currency
	 */
	record Entry(String projectCode, UUID projectId, String currency) {
	}

}
