package io.creditdesk.insight;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.UserError;
import io.creditdesk.common.Validation;
import io.creditdesk.customer.Customer;
import io.creditdesk.ledger.Invoice;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Builds the payment history report from the customer's invoices (index
 * {@code customer_date}).
 */
@Service
class PaymentHistoryService {

	/** At most this many invoices per report, so one request stays bounded. */
	static final int MAX_INVOICES = 5_000;

	private final MongoTemplate mongo;

	private final Clock clock;

	PaymentHistoryService(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	@PreAuthorize(InsightRoles.READ_PAYMENT_HISTORY)
	PaymentHistory report(String customerId, LocalDate from, LocalDate to) {
		Validation v = new Validation();
		String id = v.id("customerId", customerId, 64);
		if (from == null) {
			v.reject(CommonErrorCode.REQUIRED, "from");
		}
		if (to == null) {
			v.reject(CommonErrorCode.REQUIRED, "to");
		}
		v.throwIfInvalid();
		Period period = Period.of(from, to, to);
		Customer customer = this.mongo.findById(id, Customer.class);
		if (customer == null) {
			throw CreditDeskException.refuse(CommonErrorCode.CUSTOMER_NOT_FOUND, "customerId", UserError.quoted(id));
		}
		Query query = Query.query(
				Criteria.where("customerId").is(customer.id()).and("invoiceDate").gte(period.from()).lte(period.to()))
			.with(Sort.by("invoiceDate", "_id"))
			.limit(MAX_INVOICES + 1);
		List<Invoice> invoices = this.mongo.find(query, Invoice.class);
		if (invoices.size() > MAX_INVOICES) {
			throw CreditDeskException.refuse(InsightErrorCode.TOO_MANY_INVOICES, "from", MAX_INVOICES);
		}
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		return PaymentHistory.of(customer.id(), period.from(), period.to(), today, customer.creditCurrency(), invoices);
	}

}
