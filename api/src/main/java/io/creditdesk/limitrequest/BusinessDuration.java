package io.creditdesk.limitrequest;

/**
 * A length of business time, the unit of SLAs: hours count only while the business is
 * open; a business day is one full business day's worth of open hours.
 */
public record BusinessDuration(int amount, Unit unit) {

	public enum Unit {

		HOURS, DAYS

	}

	public BusinessDuration {
		if (unit == null) {
			throw new IllegalArgumentException("A business duration needs a unit");
		}
		if (amount < 1) {
			throw new IllegalArgumentException("A business duration must be at least 1 " + unit + ", got " + amount);
		}
	}

	public static BusinessDuration hours(int hours) {
		return new BusinessDuration(hours, Unit.HOURS);
	}

	public static BusinessDuration days(int days) {
		return new BusinessDuration(days, Unit.DAYS);
	}

	@Override
	public String toString() {
		return this.amount + " business " + ((this.unit == Unit.HOURS) ? "hour" : "day")
				+ ((this.amount == 1) ? "" : "s");
	}

}
