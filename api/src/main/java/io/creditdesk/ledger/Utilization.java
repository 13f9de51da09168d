package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Utilization as people read it: net exposure over the limit in percent, computed exactly
 * from the decimal amounts and rounded once, half up, to one decimal place (87.45 % shows
 * as 87.5). The fraction {@code utilization} stays as it was, unrounded, for programs
 * that compute with it. Without a limit, any exposure is 100.0 and none 0.0, as the
 * fraction is 1 and 0.
 */
public final class Utilization {

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private Utilization() {
	}

	/** {@code net / limit * 100}, one decimal place, half up. */
	public static BigDecimal percent(BigDecimal net, BigDecimal limit) {
		if (limit.signum() <= 0) {
			return (net.signum() > 0) ? new BigDecimal("100.0") : new BigDecimal("0.0");
		}
		return net.multiply(HUNDRED).divide(limit, 1, RoundingMode.HALF_UP);
	}

}
