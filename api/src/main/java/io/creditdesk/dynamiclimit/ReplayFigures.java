package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.creditdesk.dynamiclimit.CustomerFigures.Behaviour;
import io.creditdesk.dynamiclimit.ReplayCustomer.Sale;
import io.creditdesk.scoring.history.MonthlyStatement;
import io.creditdesk.scoring.history.PaymentHistory;

/**
 * How a customer bought and paid as of a date, read from its point-in-time payment
 * history: the monthly statements the scores are computed from (the {@code scoring}
 * module's one derivation), never a second reading of the invoices. Spring-free.
 * <ul>
 * <li>purchases of month m = balance at its end - balance at the end of the month before
 * + payments in it (at least 0); monthly purchases average the months whose previous
 * balance the history knows (all but the oldest);</li>
 * <li>on-time rate: the share of the months with activity in which nothing was past
 * due;</li>
 * <li>days late: the statements keep delays in 30-day buckets, so a month 1 to 30 days
 * late counts 30 days, 31 to 60 counts 60 (the bucket's upper end: never a delay
 * understated); worst and average over the late months;</li>
 * <li>DSO, standard method over the last three months: balance at the end / purchases in
 * them x 90 days (0 with nothing open, 90 when something is open but nothing was
 * sold).</li>
 * </ul>
 */
public final class ReplayFigures {

	/** Payment terms when the ledger has no invoice to read them from. */
	static final int DEFAULT_TERMS_DAYS = 30;

	private static final BigDecimal DSO_PERIOD_DAYS = BigDecimal.valueOf(90);

	private ReplayFigures() {
	}

	/** The behaviour in {@code history}, with the customer's payment terms. */
	public static Behaviour behaviour(PaymentHistory history, int termsDays) {
		int n = history.length();
		BigDecimal[] purchases = new BigDecimal[n];
		for (int m = 0; m < n; m++) {
			MonthlyStatement month = history.month(m);
			BigDecimal before = (m + 1 < n) ? decimal(history.month(m + 1).billed()) : BigDecimal.ZERO;
			purchases[m] = decimal(month.billed()).subtract(before).add(decimal(month.paid())).max(BigDecimal.ZERO);
		}
		int known = Math.max(1, n - 1);
		BigDecimal total = BigDecimal.ZERO;
		for (int m = 0; m < known && m < n; m++) {
			total = total.add(purchases[m]);
		}
		BigDecimal monthly = total.divide(BigDecimal.valueOf(known), 2, RoundingMode.HALF_EVEN);
		int active = 0;
		int onTime = 0;
		int late = 0;
		int worst = 0;
		int lateDays = 0;
		for (int m = 0; m < n; m++) {
			int status = history.month(m).delayStatus();
			if (status == MonthlyStatement.NO_ACTIVITY) {
				continue;
			}
			active++;
			if (status <= MonthlyStatement.CURRENT) {
				onTime++;
			}
			else {
				late++;
				lateDays += status * 30;
				worst = Math.max(worst, status * 30);
			}
		}
		BigDecimal onTimeRate = (active == 0) ? BigDecimal.ONE
				: BigDecimal.valueOf(onTime).divide(BigDecimal.valueOf(active), 4, RoundingMode.HALF_EVEN);
		int averageLate = (late == 0) ? 0 : Math.round((float) lateDays / late);
		BigDecimal balance = (n > 0) ? decimal(history.month(0).billed()) : BigDecimal.ZERO;
		BigDecimal sold = BigDecimal.ZERO;
		for (int m = 0; m < Math.min(3, n); m++) {
			sold = sold.add(purchases[m]);
		}
		BigDecimal dso;
		if (balance.signum() <= 0) {
			dso = BigDecimal.ZERO;
		}
		else if (sold.signum() == 0) {
			dso = DSO_PERIOD_DAYS;
		}
		else {
			dso = balance.multiply(DSO_PERIOD_DAYS).divide(sold, 1, RoundingMode.HALF_EVEN);
		}
		return new Behaviour(monthly, termsDays, onTimeRate, averageLate, worst, dso, n);
	}

	/**
	 * The payment terms in days of the latest sale before {@code asOf} (due date -
	 * invoice date), or {@link #DEFAULT_TERMS_DAYS} when there is none.
	 */
	public static int termsDays(List<Sale> sales, LocalDate asOf) {
		Sale latest = null;
		for (Sale sale : sales) {
			if (sale.date().isBefore(asOf) && (latest == null || !sale.date().isBefore(latest.date()))) {
				latest = sale;
			}
		}
		return (latest != null) ? (int) ChronoUnit.DAYS.between(latest.date(), latest.dueDate()) : DEFAULT_TERMS_DAYS;
	}

	/** A statement amount (a double in the feature definition) to cents. */
	private static BigDecimal decimal(double amount) {
		return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_EVEN);
	}

}
