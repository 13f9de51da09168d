package io.creditdesk.policy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

/**
 * Payment terms: due {@code netDays} after the invoice date (or after the end of the
 * invoice month when {@code endOfMonth}), with an optional {@code discountPercent} for
 * payment within {@code discountDays} of the invoice date ("2/10 Net 30").
 */
public record PaymentTerms(int netDays, BigDecimal discountPercent, Integer discountDays, boolean endOfMonth) {

	public static final PaymentTerms NET_30 = new PaymentTerms(30, null, null, false);

	public boolean hasDiscount() {
		return this.discountPercent != null && this.discountDays != null && this.discountPercent.signum() > 0;
	}

	public LocalDate dueDate(LocalDate invoiceDate) {
		LocalDate start = this.endOfMonth ? invoiceDate.with(TemporalAdjusters.lastDayOfMonth()) : invoiceDate;
		return start.plusDays(this.netDays);
	}

	/** The last day the early-payment discount applies, or null when there is none. */
	public LocalDate discountDate(LocalDate invoiceDate) {
		return hasDiscount() ? invoiceDate.plusDays(this.discountDays) : null;
	}

	public String label() {
		StringBuilder label = new StringBuilder();
		if (hasDiscount()) {
			label.append(this.discountPercent.stripTrailingZeros().toPlainString())
				.append('/')
				.append(this.discountDays)
				.append(' ');
		}
		label.append("Net ").append(this.netDays);
		if (this.endOfMonth) {
			label.append(" EOM");
		}
		return label.toString();
	}

}
