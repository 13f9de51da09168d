package io.creditdesk.ledger;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.ErrorCode;
import io.creditdesk.common.UserError;

/**
 * The rules for the dates of ledger documents, in one place. A document may not be dated
 * in the future beyond a small tolerance (time zones, a bank's value date a day ahead),
 * nor before what it follows from: a payment before its invoice, an invoice before its
 * order was placed or before the customer relationship began. An order from a channel may
 * only not be dated in the future. Shipments, credit notes and write-offs carry no date
 * of their own: the service dates them the day it records them. An order's requested
 * delivery date lies between 2000-01-01 and ten years after today. Each rule answers the
 * first refusal, with its stable code, the field and a sentence, or nothing.
 */
public final class DocumentDates {

	public static final ErrorCode DATE_IN_FUTURE = CommonErrorCode.DATE_IN_FUTURE;

	public static final ErrorCode DATE_BEFORE_INVOICE = LedgerErrorCode.DATE_BEFORE_INVOICE;

	public static final ErrorCode DATE_BEFORE_ORDER = LedgerErrorCode.DATE_BEFORE_ORDER;

	public static final ErrorCode DATE_BEFORE_CUSTOMER = LedgerErrorCode.DATE_BEFORE_CUSTOMER;

	/** The first delivery date an order may ask for. */
	public static final LocalDate FIRST_DELIVERY = LocalDate.of(2000, 1, 1);

	/** How many years after today an order's delivery date may lie. */
	public static final int DELIVERY_YEARS_AHEAD = 10;

	private final long toleranceDays;

	/**
	 * @param futureTolerance how far after today a document may be dated; documents carry
	 * dates, so it counts in whole days, rounded up (12 hours allow tomorrow)
	 */
	public DocumentDates(Duration futureTolerance) {
		if (futureTolerance.isNegative()) {
			throw new IllegalArgumentException("creditdesk.ledger.future-date-tolerance must not be negative");
		}
		this.toleranceDays = futureTolerance.plusDays(1).minusNanos(1).toDays();
	}

	/**
	 * An invoice's date against today, the customer's first day and, for an invoice from
	 * an order, the day it was placed.
	 */
	public Optional<UserError> invoice(LocalDate invoiceDate, LocalDate today, LocalDate customerSince,
			LocalDate orderDate) {
		return notInFuture("invoiceDate", invoiceDate, today)
			.or(() -> notBeforeCustomer("invoiceDate", invoiceDate, customerSince))
			.or(() -> (orderDate != null && invoiceDate.isBefore(orderDate))
					? refusal(DATE_BEFORE_ORDER, "invoiceDate", invoiceDate, orderDate) : Optional.empty());
	}

	/** A payment's date against today and its invoice's date. */
	public Optional<UserError> payment(LocalDate paymentDate, LocalDate today, LocalDate invoiceDate) {
		return notInFuture("paymentDate", paymentDate, today)
			.or(() -> (invoiceDate != null && paymentDate.isBefore(invoiceDate))
					? refusal(DATE_BEFORE_INVOICE, "paymentDate", paymentDate, invoiceDate) : Optional.empty());
	}

	/**
	 * The date a channel gives an order, against today only: an order may reach the
	 * seller before its customer is registered (the worklist replays it once it is), so
	 * it may be dated before the customer began.
	 */
	public Optional<UserError> order(String field, LocalDate orderDate, LocalDate today) {
		return notInFuture(field, orderDate, today);
	}

	/**
	 * The delivery date an order asks for: not before {@link #FIRST_DELIVERY} nor more
	 * than {@link #DELIVERY_YEARS_AHEAD} years after today. {@code DateBounds} lets any
	 * date from 0001 to 9999 through; a delivery in 1900 or 9999 is a typing error, and a
	 * far-future one would keep its reservation long-dated (outside the check) for ever.
	 */
	public static Optional<UserError> delivery(String field, LocalDate deliveryDate, LocalDate today) {
		LocalDate last = today.plusYears(DELIVERY_YEARS_AHEAD);
		return (deliveryDate.isBefore(FIRST_DELIVERY) || deliveryDate.isAfter(last))
				? refusal(CommonErrorCode.INVALID_DATE.variant("delivery"), field, deliveryDate, FIRST_DELIVERY, last,
						DELIVERY_YEARS_AHEAD)
				: Optional.empty();
	}

	/** The latest date a document may carry today. */
	public LocalDate latest(LocalDate today) {
		return today.plusDays(this.toleranceDays);
	}

	private Optional<UserError> notInFuture(String field, LocalDate date, LocalDate today) {
		LocalDate latest = latest(today);
		return date.isAfter(latest) ? refusal(DATE_IN_FUTURE.variant("document"), field, date, today, latest)
				: Optional.empty();
	}

	private static Optional<UserError> notBeforeCustomer(String field, LocalDate date, LocalDate customerSince) {
		return (customerSince != null && date.isBefore(customerSince))
				? refusal(DATE_BEFORE_CUSTOMER, field, date, customerSince) : Optional.empty();
	}

	private static Optional<UserError> refusal(ErrorCode code, String field, Object... figures) {
		return Optional.of(UserError.of(code, field, figures));
	}

	private static Optional<UserError> refusal(ErrorCode.Variant variant, String field, Object... figures) {
		return Optional.of(UserError.of(variant, field, figures));
	}

}
