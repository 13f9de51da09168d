package io.creditdesk.ledger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Applies {@link DocumentDates} where documents are recorded: today from the clock (UTC,
 * as the ledger's), the customer's first day from its profile, and a refusal as the user
 * error it is. The tolerance is {@code creditdesk.ledger.future-date-tolerance} (default
 * one day).
 */
@Component
public class LedgerDates {

	private final DocumentDates rules;

	private final MongoTemplate mongo;

	private final Clock clock;

	LedgerDates(@Value("${creditdesk.ledger.future-date-tolerance:1d}") Duration tolerance, MongoTemplate mongo,
			Clock clock) {
		this.rules = new DocumentDates(tolerance);
		this.mongo = mongo;
		this.clock = clock;
	}

	void checkInvoice(String customerId, LocalDate invoiceDate, Order order) {
		LocalDate orderDate = (order != null && order.placedAt() != null)
				? LocalDate.ofInstant(order.placedAt(), ZoneOffset.UTC) : null;
		refuse(this.rules.invoice(invoiceDate, today(), customerSince(customerId), orderDate));
	}

	void checkPayment(LocalDate paymentDate, Invoice invoice) {
		refuse(this.rules.payment(paymentDate, today(), invoice.invoiceDate()));
	}

	/** For the order intake: the refusal of the date a channel gave an order, if any. */
	public Optional<UserError> checkOrderDate(String field, LocalDate orderDate) {
		return (orderDate != null) ? this.rules.order(field, orderDate, today()) : Optional.empty();
	}

	private LocalDate today() {
		return LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
	}

	private LocalDate customerSince(String customerId) {
		Query query = Query.query(Criteria.where("_id").is(customerId));
		query.fields().include("customerSince").include("createdAt");
		Since since = this.mongo.findOne(query, Since.class, CreditAccount.COLLECTION);
		if (since == null) {
			return null;
		}
		// Profiles stored before customerSince existed began the day they were registered
		// (as Customer reads them).
		return (since.customerSince() != null) ? since.customerSince()
				: (since.createdAt() != null) ? LocalDate.ofInstant(since.createdAt(), ZoneOffset.UTC) : null;
	}

	/** The two fields of a customer's profile that say when it began. */
	record Since(@Id String id, LocalDate customerSince, Instant createdAt) {
	}

	private static void refuse(Optional<UserError> refusal) {
		refusal.ifPresent(error -> {
			throw new CreditDeskException(List.of(error));
		});
	}

}
