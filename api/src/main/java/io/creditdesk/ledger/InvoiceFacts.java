package io.creditdesk.ledger;

import java.util.Collection;
import java.util.List;

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

	/** Every invoice of these customers, by customer and invoice date. */
	public List<Invoice> ofCustomers(Collection<String> customerIds) {
		Query query = Query.query(Criteria.where("customerId").in(customerIds))
			.with(Sort.by("customerId", "invoiceDate"));
		query.fields().exclude(Outbox.EVENTS, AuditOutbox.ENTRIES);
		return this.mongo.find(query, Invoice.class);
	}

}
