package io.creditdesk.insight;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.Map;
import java.util.NavigableMap;

/**
 * The time-weighted average of daily closing net exposure over a window ending today:
 * <ul>
 * <li>every day of the window from the customer's creation day on counts once (days
 * before the customer existed are left out of both sum and count);</li>
 * <li>a day's value is its recorded closing value, or the last value recorded before it
 * (carried forward over days without movement, including from before the window);</li>
 * <li>days since creation but before the first recorded value count as zero.</li>
 * </ul>
 * With no day in the window (a creation date in the future) the average is zero.
 */
final class AverageExposure {

	static final int WINDOW_DAYS = 90;

	private AverageExposure() {
	}

	static LocalDate windowStart(LocalDate today) {
		return today.minusDays(WINDOW_DAYS - 1);
	}

	/**
	 * @param carriedIn the last value recorded before the window, or null
	 * @param daily recorded values inside the window, by day
	 * @param firstDay the customer's creation day, or null when unknown (then the whole
	 * window counts)
	 */
	static BigDecimal average(LocalDate today, LocalDate firstDay, BigDecimal carriedIn,
			NavigableMap<LocalDate, BigDecimal> daily) {
		LocalDate start = windowStart(today);
		LocalDate day = (firstDay != null && firstDay.isAfter(start)) ? firstDay : start;
		Map.Entry<LocalDate, BigDecimal> earlier = daily.lowerEntry(day);
		BigDecimal last = (earlier != null) ? earlier.getValue() : (carriedIn != null) ? carriedIn : BigDecimal.ZERO;
		BigDecimal sum = BigDecimal.ZERO;
		long count = 0;
		for (; !day.isAfter(today); day = day.plusDays(1)) {
			BigDecimal recorded = daily.get(day);
			if (recorded != null) {
				last = recorded;
			}
			sum = sum.add(last);
			count++;
		}
		return (count == 0) ? BigDecimal.ZERO : sum.divide(BigDecimal.valueOf(count), MathContext.DECIMAL64);
	}

}
