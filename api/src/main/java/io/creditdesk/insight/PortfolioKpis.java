package io.creditdesk.insight;

import java.time.LocalDate;
import java.util.List;

/**
 * Portfolio credit KPIs over a period; see the schema for each figure's definition. The
 * figures in the reporting currency come from {@link ReportedTotals}, which may fail on
 * their own.
 */
record PortfolioKpis(String segment, LocalDate from, LocalDate to, long days, int customersWithLimit,
		double averageUtilization, double utilizationTarget, boolean aboveTarget,
		List<ThresholdShare> utilizationAlerts, List<SegmentRejectionRate> rejectionRateBySegment,
		SegmentRejectionRate rejectionRate, long heldOrders, long rejectedOrders, ReportedTotals reported,
		String dsoMethod) {

	/** The portfolio target for average utilization. */
	static final double UTILIZATION_TARGET = 0.70;

	/** The alert thresholds whose shares are reported. */
	static final List<Double> ALERT_THRESHOLDS = List.of(0.80, 0.95);

	/** The share of customers at or above one utilization threshold. */
	record ThresholdShare(double threshold, int customers, double share) {
	}

	/**
	 * Orders refused at entry in one segment (or all, with a null segment):
	 * {@code refused =
	 * rejected + held}, where held counts orders held at entry and not rejected since.
	 */
	record SegmentRejectionRate(String segment, long orders, long refused, long rejected, long held, double rate) {

		static SegmentRejectionRate of(String segment, long orders, long rejected, long held) {
			long refused = rejected + held;
			return new SegmentRejectionRate(segment, orders, refused, rejected, held,
					(orders == 0) ? 0.0 : (double) refused / orders);
		}

		SegmentRejectionRate plus(SegmentRejectionRate other) {
			return of(null, this.orders + other.orders, this.rejected + other.rejected, this.held + other.held);
		}

	}

}
