package io.creditdesk.scoring.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One invoice reduced to what the monthly statements and the label read: the form that
 * both the ledger ({@link LedgerHistory}) and the invoice CSV ({@code InvoiceAggregator})
 * turn their invoices into before {@link MonthlyStatements} computes anything, so that
 * the two sources cannot drift apart.
 *
 * @param issueDate the invoice date
 * @param dueDate the due date
 * @param amount the invoiced amount (the CSV allows a negative one, a credit note as an
 * invoice)
 * @param closedOn the day nothing was open any more, or null while open
 * @param movements the amounts that reduced what was open, each with its day and kind
 */
public record InvoiceTimeline(LocalDate issueDate, LocalDate dueDate, BigDecimal amount, LocalDate closedOn,
		List<Movement> movements) {

	/** An amount that reduced the open balance on a day. */
	public record Movement(LocalDate date, ApplicationKind kind, BigDecimal amount) {

		public Movement {
			Objects.requireNonNull(date, "date");
			Objects.requireNonNull(kind, "kind");
			Objects.requireNonNull(amount, "amount");
		}
	}

	public InvoiceTimeline {
		Objects.requireNonNull(issueDate, "issueDate");
		Objects.requireNonNull(dueDate, "dueDate");
		Objects.requireNonNull(amount, "amount");
		movements = List.copyOf(movements);
	}

	/**
	 * Closed before {@code date} (a closing on {@code date} itself is not yet known
	 * then).
	 */
	boolean closedBefore(LocalDate date) {
		return closedOn != null && closedOn.isBefore(date);
	}

	/**
	 * What was still open just before {@code end}: the amount less every movement dated
	 * before it.
	 */
	BigDecimal openBefore(LocalDate end) {
		BigDecimal open = amount;
		for (Movement m : movements) {
			if (m.date().isBefore(end)) {
				open = open.subtract(m.amount());
			}
		}
		return open;
	}

	/** Payments dated in [start, end). */
	BigDecimal paidIn(LocalDate start, LocalDate end) {
		BigDecimal paid = BigDecimal.ZERO;
		for (Movement m : movements) {
			if (m.kind() == ApplicationKind.PAYMENT && !m.date().isBefore(start) && m.date().isBefore(end)) {
				paid = paid.add(m.amount());
			}
		}
		return paid;
	}

	BigDecimal writtenOff() {
		BigDecimal total = BigDecimal.ZERO;
		for (Movement m : movements) {
			if (m.kind() == ApplicationKind.WRITE_OFF) {
				total = total.add(m.amount());
			}
		}
		return total;
	}
}
