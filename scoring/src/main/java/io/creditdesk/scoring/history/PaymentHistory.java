package io.creditdesk.scoring.history;

import java.util.List;
import java.util.Objects;

/**
 * A customer's payment history: monthly statements, <b>most recent first</b>, between
 * {@link #MIN_MONTHS} and {@link #MAX_MONTHS} months long. This is the only input the
 * model sees.
 *
 * @param customerId the customer's identifier in the source data
 * @param segment an optional business segment (used for per-segment evaluation, never as
 * a model input); may be empty
 * @param statements monthly statements, index 0 = most recent month
 */
public record PaymentHistory(String customerId, String segment, List<MonthlyStatement> statements) {

	public static final int MIN_MONTHS = 6;

	public static final int MAX_MONTHS = 12;

	public PaymentHistory {
		Objects.requireNonNull(customerId, "customerId");
		segment = segment == null ? "" : segment;
		statements = List.copyOf(statements);
		if (statements.size() < MIN_MONTHS || statements.size() > MAX_MONTHS) {
			throw new IllegalArgumentException("a payment history needs " + MIN_MONTHS + " to " + MAX_MONTHS
					+ " monthly statements, customer " + customerId + " has " + statements.size());
		}
	}

	public PaymentHistory(String customerId, List<MonthlyStatement> statements) {
		this(customerId, "", statements);
	}

	/** The statement {@code monthsAgo} months back; 0 is the most recent month. */
	public MonthlyStatement month(int monthsAgo) {
		return statements.get(monthsAgo);
	}

	public int length() {
		return statements.size();
	}
}
