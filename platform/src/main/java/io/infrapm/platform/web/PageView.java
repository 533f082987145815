package io.infrapm.platform.web;

import java.util.List;
import java.util.function.Function;

import org.springframework.data.domain.Page;

/**
 * One page of a list, as every list endpoint answers: the items and where they are in the
 * whole. Pages are numbered from 0; {@code ?page=} and {@code ?size=} choose one.
 *
 * @param <T> the item type
 * @param items the items of this page
 * @param page this page's number, from 0
 * @param size the page size asked for
 * @param totalItems how many items all pages hold
 * @param totalPages how many pages there are
 */
public record PageView<T>(List<T> items, int page, int size, long totalItems, int totalPages) {

	/** The page size when none is asked for. */
	public static final String DEFAULT_SIZE = "20";

	/** The largest page size. */
	public static final int MAX_SIZE = 100;

	/**
	 * The view of a page.
	 * @param <S> the stored type
	 * @param <T> the item type
	 * @param page the page
	 * @param view maps each item to its view
	 * @return the view
	 */
	public static <S, T> PageView<T> of(Page<S> page, Function<S, T> view) {
		return new PageView<>(page.getContent().stream().map(view).toList(), page.getNumber(), page.getSize(),
				page.getTotalElements(), page.getTotalPages());
	}

	/**
	 * A page of a list held in memory.
	 * @param <T> the item type
	 * @param all the whole list
	 * @param page the page, from 0
	 * @param size the page size
	 * @return the page
	 */
	public static <T> PageView<T> of(List<T> all, int page, int size) {
		long from = Math.min((long) page * size, all.size());
		int to = (int) Math.min(from + size, all.size());
		return new PageView<>(List.copyOf(all.subList((int) from, to)), page, size, all.size(),
				(all.size() + size - 1) / size);
	}

}
