package io.creditdesk.alert;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import io.creditdesk.scoring.model.RiskGrade;

/**
 * What is known about one customer now, for its alerts. Amounts in the credit currency.
 *
 * @param currency the credit currency
 * @param utilization net exposure / limit (null without a limit)
 * @param overdueAmount the overdue amount after grace
 * @param oldestOverdueDays days overdue after grace of the oldest overdue invoice (0 when
 * none)
 * @param overdueInvoices the ids of the invoices overdue after grace
 * @param limitValidUntil the limit's valid-until date, or null
 * @param today the day of the evaluation
 * @param grade the current grade, or null without a score
 * @param probabilityOfDefault the current PD, or null
 * @param referenceGrade the grade the deterioration is measured from (at the last review
 * or accepted alert), or null
 * @param referencePd the PD it is measured from, or null
 * @param graceDays the grace days of the customer's policy: an invoice is overdue (and
 * counts in {@code oldestOverdueDays}) only after them, so the oldest overdue invoice is
 * {@code oldestOverdueDays + graceDays} days past its due date
 */
public record Observation(String currency, BigDecimal utilization, BigDecimal overdueAmount, int oldestOverdueDays,
		List<String> overdueInvoices, LocalDate limitValidUntil, LocalDate today, RiskGrade grade,
		Double probabilityOfDefault, RiskGrade referenceGrade, Double referencePd, int graceDays) {

	/** What is known about a customer whose policy grants no grace days. */
	public Observation(String currency, BigDecimal utilization, BigDecimal overdueAmount, int oldestOverdueDays,
			List<String> overdueInvoices, LocalDate limitValidUntil, LocalDate today, RiskGrade grade,
			Double probabilityOfDefault, RiskGrade referenceGrade, Double referencePd) {
		this(currency, utilization, overdueAmount, oldestOverdueDays, overdueInvoices, limitValidUntil, today, grade,
				probabilityOfDefault, referenceGrade, referencePd, 0);
	}

	public Observation {
		Objects.requireNonNull(currency, "currency");
		overdueAmount = (overdueAmount == null) ? BigDecimal.ZERO : overdueAmount;
		overdueInvoices = (overdueInvoices == null) ? List.of() : List.copyOf(overdueInvoices);
		Objects.requireNonNull(today, "today");
		graceDays = Math.max(graceDays, 0);
	}

	/** How many days past its due date the oldest overdue invoice is (0 when none). */
	public int oldestDaysPastDue() {
		return (this.oldestOverdueDays > 0) ? this.oldestOverdueDays + this.graceDays : 0;
	}

}
