package io.creditdesk.insight;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InsightAverageExposureTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

	private static TreeMap<LocalDate, BigDecimal> daily(Object... dayAndValue) {
		TreeMap<LocalDate, BigDecimal> map = new TreeMap<>();
		for (int i = 0; i < dayAndValue.length; i += 2) {
			map.put(TODAY.minusDays((Integer) dayAndValue[i]), new BigDecimal((String) dayAndValue[i + 1]));
		}
		return map;
	}

	@Test
	void theWindowIsNinetyDaysEndingToday() {
		assertThat(AverageExposure.windowStart(TODAY)).isEqualTo(TODAY.minusDays(89));
	}

	@Test
	void aConstantValueAveragesToItself() {
		assertThat(AverageExposure.average(TODAY, null, new BigDecimal("250"), daily())).isEqualByComparingTo("250");
	}

	@Test
	void valuesCarryForwardOverDaysWithoutMovement() {
		// 0 for the 60 days before day -29, then 900 for 30 days
		assertThat(AverageExposure.average(TODAY, null, null, daily(29, "900"))).isEqualByComparingTo("300");
	}

	@Test
	void aLaterValueReplacesTheCarriedOne() {
		// 100 carried in for 80 days, 1000 from day -9 to today (10 days): 18000 / 90
		assertThat(AverageExposure.average(TODAY, null, new BigDecimal("100"), daily(9, "1000")))
			.isEqualByComparingTo("200");
	}

	@Test
	void daysBeforeTheCustomerExistedAreLeftOut() {
		// created 3 days ago: days -3, -2 at 0 (no value yet), -1 and today at 400
		assertThat(AverageExposure.average(TODAY, TODAY.minusDays(3), null, daily(1, "400")))
			.isEqualByComparingTo("200");
	}

	@Test
	void aCustomerCreatedTodayAveragesTodaysValue() {
		assertThat(AverageExposure.average(TODAY, TODAY, null, daily(0, "75"))).isEqualByComparingTo("75");
	}

	@Test
	void noDayInTheWindowIsZero() {
		assertThat(AverageExposure.average(TODAY, TODAY.plusDays(1), new BigDecimal("5"), daily()))
			.isEqualByComparingTo("0");
	}

}
