package io.creditdesk.limitrequest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turnaround of decided requests per segment and amount band: how long from request to
 * decision (median and 90th percentile, nearest-rank, in hours of elapsed time) and the
 * share decided within every step's SLA. Only requests decided by approvers count
 * (approved or rejected after routing); straight-through and withdrawn ones do not.
 *
 * @param segment the segment, or null for all
 * @param band the amount band index, or null for all bands
 * @param bandUpTo the band's upper bound in the matrix currency; null for the top band or
 * all
 * @param decided how many requests
 * @param medianHours the median time to decision
 * @param p90Hours the 90th percentile
 * @param withinSlaShare the share within SLA, 0 to 1
 */
record Turnaround(String segment, Integer band, BigDecimal bandUpTo, int decided, BigDecimal medianHours,
		BigDecimal p90Hours, BigDecimal withinSlaShare) {

	static List<Turnaround> of(List<CreditLimitRequest> requests) {
		Map<String, List<CreditLimitRequest>> groups = new TreeMap<>();
		for (CreditLimitRequest r : requests) {
			if (r.decidedAt() == null || r.withinSla() == null || r.routing() == null) {
				continue;
			}
			groups
				.computeIfAbsent(String.valueOf(r.segment()) + "\u0000" + r.routing().band(), (k) -> new ArrayList<>())
				.add(r);
		}
		List<Turnaround> result = new ArrayList<>();
		groups.values()
			.forEach((group) -> result.add(figures(group.get(0).segment(), group.get(0).routing().band(),
					group.get(0).routing().bandUpTo(), group)));
		List<CreditLimitRequest> all = groups.values().stream().flatMap(List::stream).toList();
		if (!all.isEmpty()) {
			result.add(figures(null, null, null, all));
		}
		return result;
	}

	private static Turnaround figures(String segment, Integer band, BigDecimal upTo, List<CreditLimitRequest> group) {
		List<Long> seconds = group.stream()
			.map((r) -> Duration.between(r.createdAt(), r.decidedAt()).toSeconds())
			.sorted()
			.toList();
		long within = group.stream().filter((r) -> Boolean.TRUE.equals(r.withinSla())).count();
		return new Turnaround(segment, band, upTo, group.size(), hours(rank(seconds, 50)), hours(rank(seconds, 90)),
				BigDecimal.valueOf(within).divide(BigDecimal.valueOf(group.size()), 4, RoundingMode.HALF_UP));
	}

	/** The nearest-rank percentile. */
	static long rank(List<Long> sorted, int percentile) {
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, index));
	}

	private static BigDecimal hours(long seconds) {
		return BigDecimal.valueOf(seconds).divide(BigDecimal.valueOf(3600), 2, RoundingMode.HALF_UP);
	}

}
