package io.creditdesk.common;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * A Relay connection page. Cursors are opaque to clients: the base64url of the sort key
 * of an item, so a page is stable when items are added before it.
 */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo, Integer totalCount) {

	public static final int DEFAULT_PAGE = 20;

	public static final int MAX_PAGE = 200;

	public record Edge<T>(String cursor, T node) {
	}

	public record PageInfo(boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {
	}

	/** Builds a page from up to {@code first + 1} items fetched after the cursor. */
	public static <T> Connection<T> of(List<T> fetched, int first, Function<T, String> key, Integer totalCount) {
		boolean hasNext = fetched.size() > first;
		List<T> page = hasNext ? fetched.subList(0, first) : fetched;
		List<Edge<T>> edges = page.stream().map(item -> new Edge<>(encode(key.apply(item)), item)).toList();
		String start = edges.isEmpty() ? null : edges.get(0).cursor();
		String end = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
		return new Connection<>(edges, new PageInfo(hasNext, false, start, end), totalCount);
	}

	public static int pageSize(Integer first) {
		return pageSize(first, MAX_PAGE);
	}

	/** The page size for {@code first}, at most {@code max}. */
	public static int pageSize(Integer first, int max) {
		if (first == null) {
			return DEFAULT_PAGE;
		}
		if (first < 0) {
			throw CreditDeskException.refuse(CommonErrorCode.INVALID_PAGE_SIZE, "first");
		}
		return Math.min(first, max);
	}

	public static String encode(String key) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(("v1:" + key).getBytes(StandardCharsets.UTF_8));
	}

	/** The sort key in a cursor, or null when there is none. */
	public static String decode(String cursor) {
		if (cursor == null || cursor.isBlank()) {
			return null;
		}
		try {
			String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (decoded.startsWith("v1:")) {
				return decoded.substring(3);
			}
		}
		catch (IllegalArgumentException ex) {
			// falls through to the error below
		}
		throw CreditDeskException.refuse(CommonErrorCode.INVALID_CURSOR, "after", UserError.quoted(cursor));
	}

}
