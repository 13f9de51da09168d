package io.creditdesk.insight;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.common.Money;
import io.creditdesk.customer.Customer;
import io.creditdesk.ledger.Invoice;
import io.creditdesk.security.Roles;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;

/**
 * Per-customer figures, each computed for a whole batch of customers in a few queries.
 */
@Service
class CustomerInsights {

	private final MongoTemplate mongo;

	private final ExposureHistory history;

	private final Clock clock;

	CustomerInsights(MongoTemplate mongo, ExposureHistory history, Clock clock) {
		this.mongo = mongo;
		this.history = history;
		this.clock = clock;
	}

	/**
	 * DSO over the last 90 days of each customer that had credit sales in them (standard
	 * method).
	 */
	@PreAuthorize(Roles.READ_CUSTOMERS)
	Map<String, Double> dso(List<Customer> customers) {
		Period period = Period.of(null, null, LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC));
		List<String> ids = customers.stream().map(Customer::id).toList();
		Map<String, List<Invoice>> byCustomer = new HashMap<>();
		Criteria criteria = new Criteria().andOperator(Criteria.where("customerId").in(ids),
				Dso.relevantInvoices(period));
		for (Invoice invoice : this.mongo.find(Query.query(criteria), Invoice.class)) {
			byCustomer.computeIfAbsent(invoice.customerId(), id -> new ArrayList<>()).add(invoice);
		}
		Map<String, Double> result = new LinkedHashMap<>();
		for (String id : ids) {
			Dso.Totals totals = Dso.totalsByCurrency(byCustomer.getOrDefault(id, List.of()), period)
				.values()
				.stream()
				.reduce(Dso.Totals.ZERO, Dso.Totals::plus);
			Double dso = totals.dso(period.days());
			if (dso != null) {
				result.put(id, dso);
			}
		}
		return result;
	}

	@PreAuthorize(Roles.READ_CUSTOMERS)
	Map<String, Money> averageExposure90d(List<Customer> customers) {
		return this.history.averages(customers);
	}

}
