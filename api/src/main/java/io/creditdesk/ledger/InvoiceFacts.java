package io.creditdesk.ledger;

import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.events.Outbox;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Reads the invoices of a batch of customers, each with every payment, discount, credit
 * note and write-off applied to it and the instant each was booked, for payment histories
 * and scores. Read only: the ledger's services write.
 */
@Component
public class InvoiceFacts {

	private final MongoTemplate mongo;

	InvoiceFacts(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Every invoice of these customers, by customer and invoice date.
	 * <p>
	 * The ids are also given as a range (lowest to highest) ahead of the list; a real
	 * MongoDB and the embedded store (which keeps the declared {@code customerId} index
	 * in memory) answer both from the index.
	 */
	public List<Invoice> ofCustomers(Collection<String> customerIds) {
		if (customerIds.isEmpty()) {
			return List.of();
		}
		String lowest = Collections.min(customerIds);
		String highest = Collections.max(customerIds);
		Query query = Query.query(Criteria.where("customerId").gte(lowest).lte(highest).in(customerIds))
			.with(Sort.by("customerId", "invoiceDate"));
		query.fields().exclude(Outbox.EVENTS, AuditOutbox.ENTRIES);
		return this.mongo.find(query, Invoice.class);
	}

	/**
	 * Every invoice whose customer id lies between {@code lowest} and {@code highest}
	 * (both included, compared as strings), by customer and invoice date: a page of the
	 * whole portfolio read by id is every customer in such a range, read from the
	 * {@code customerId} index.
	 */
	public List<Invoice> ofCustomerRange(String lowest, String highest) {
		Query query = Query.query(Criteria.where("customerId").gte(lowest).lte(highest))
			.with(Sort.by("customerId", "invoiceDate"));
		query.fields().exclude(Outbox.EVENTS, AuditOutbox.ENTRIES);
		return this.mongo.find(query, Invoice.class);
	}

	/**
	 * The date of the oldest invoice in the ledger, or empty when there is none: where a
	 * replay of history can begin.
	 */
	public Optional<LocalDate> earliestInvoiceDate() {
		Query query = new Query().with(Sort.by("invoiceDate")).limit(1);
		query.fields().include("invoiceDate");
		Invoice first = this.mongo.findOne(query, Invoice.class);
		return Optional.ofNullable(first).map(Invoice::invoiceDate);
	}

}
