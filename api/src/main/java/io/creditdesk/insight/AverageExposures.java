package io.creditdesk.insight;

import java.util.Collection;
import java.util.Map;

import io.creditdesk.common.Money;
import io.creditdesk.customer.Customer;

/**
 * Customers' 90-day time-weighted average net exposure, from the daily closing values
 * this package keeps, for capabilities that plan with expected use (a credit budget
 * allocation's expected utilization).
 */
public interface AverageExposures {

	/**
	 * The 90-day average net exposure of each customer, in its credit currency; a
	 * customer with no recorded day reads as zero. Keep {@code customers} to a page (a
	 * few hundred): they are read with one query.
	 */
	Map<String, Money> averages(Collection<Customer> customers);

}
