package io.creditdesk.customer;

import java.time.Instant;
import java.time.LocalDate;

import io.creditdesk.common.Money;

/**
 * One approved credit limit in a customer's limit history, kept in the customer's
 * document (array {@value #FIELD}) by the same update that sets the limit, so payment
 * histories know the limit in force in every past month and when it became known.
 *
 * @param effectiveDate the first day the limit applied (the day it was approved)
 * @param amount the limit, in the customer's credit currency
 * @param bookedAt when it was recorded
 */
public record CreditLimitChange(LocalDate effectiveDate, Money amount, Instant bookedAt) {

	/** The array of the customer document that holds the history, oldest first. */
	public static final String FIELD = "limitHistory";

}
