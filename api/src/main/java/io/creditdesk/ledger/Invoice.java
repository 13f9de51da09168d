package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.creditdesk.common.Money;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An invoice, with every amount applied to it. The caller's invoice id is the document
 * id. The open amount is kept in the invoice currency and, at the invoice's rate, in the
 * credit currency; each payment, discount, credit note or write-off is an application
 * with its own id, so none applies twice. The version moves on with each application: the
 * change of the receivables it makes is marked pending for it.
 */
@Document("invoices")
public record Invoice(@Id String id, String customerId, String orderId, Money amount, Money creditAmount,
		BigDecimal fxRate, LocalDate fxRateDate, LocalDate invoiceDate, LocalDate dueDate, LocalDate discountDate,
		BigDecimal discountPercent, BigDecimal openAmount, BigDecimal openCredit, InvoiceStatus status,
		List<Application> applications, LocalDate settledOn, String issuedBy, Instant issuedAt, String fingerprint,
		String overrideReason, Long version) {

	@PersistenceCreator
	public Invoice {
		applications = (applications != null) ? applications : List.of();
	}

	/**
	 * An invoice without a version, as invoices were stored before their receivables'
	 * changes were marked pending for one.
	 */
	public Invoice(String id, String customerId, String orderId, Money amount, Money creditAmount, BigDecimal fxRate,
			LocalDate fxRateDate, LocalDate invoiceDate, LocalDate dueDate, LocalDate discountDate,
			BigDecimal discountPercent, BigDecimal openAmount, BigDecimal openCredit, InvoiceStatus status,
			List<Application> applications, LocalDate settledOn, String issuedBy, Instant issuedAt, String fingerprint,
			String overrideReason) {
		this(id, customerId, orderId, amount, creditAmount, fxRate, fxRateDate, invoiceDate, dueDate, discountDate,
				discountPercent, openAmount, openCredit, status, applications, settledOn, issuedBy, issuedAt,
				fingerprint, overrideReason, null);
	}

	/** The kinds of amounts applied to an invoice. */
	public enum ApplicationType {

		PAYMENT, DISCOUNT, CREDIT_NOTE, WRITE_OFF

	}

	/**
	 * One amount applied to the invoice, in the invoice currency and in the credit
	 * currency.
	 *
	 * @param received what the payment or credit note carried, applied or not (its
	 * {@code amount} is the part applied): a retry of its id answers from it, and a retry
	 * with another amount is a conflict; null on discounts, write-offs and applications
	 * stored before it was kept
	 */
	public record Application(String id, ApplicationType type, BigDecimal amount, BigDecimal creditAmount,
			LocalDate date, String by, Instant at, BigDecimal received) {
	}

	public boolean hasApplication(String applicationId) {
		return this.applications.stream().anyMatch(a -> a.id().equals(applicationId));
	}

	public Money open() {
		return new Money(this.openAmount, this.amount.currency());
	}

}
