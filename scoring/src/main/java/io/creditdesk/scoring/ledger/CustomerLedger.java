package io.creditdesk.scoring.ledger;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything the ledger knows about one customer that a payment history is built from.
 * All amounts are in {@code currency}, the customer's credit currency (the service
 * converts each invoice at its own rate before it hands the facts over, so nothing here
 * is summed across currencies).
 *
 * @param customerId the customer (the service's id or external reference)
 * @param segment business segment for per-segment evaluation, never a model input; may be
 * empty
 * @param currency ISO 4217 code of every amount ({@code XXX} when there is none, as for a
 * CSV file)
 * @param accountOpened the day the account was opened in the ledger, or null when unknown
 * (the first invoice then marks the start of the history)
 * @param invoices the customer's invoices with what was applied to them
 * @param limitChanges every credit limit the customer had, with the day each took effect
 */
public record CustomerLedger(String customerId, String segment, String currency, LocalDate accountOpened,
		List<LedgerInvoice> invoices, List<LimitChange> limitChanges) {

	private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

	public CustomerLedger {
		Objects.requireNonNull(customerId, "customerId");
		if (customerId.isBlank()) {
			throw new IllegalArgumentException("customer id must not be blank");
		}
		segment = segment == null ? "" : segment;
		Objects.requireNonNull(currency, "currency");
		if (!CURRENCY.matcher(currency).matches()) {
			throw new IllegalArgumentException("currency must be an ISO 4217 code like EUR, was '" + currency + "'");
		}
		invoices = invoices == null ? List.of() : List.copyOf(invoices);
		limitChanges = limitChanges == null ? List.of() : List.copyOf(limitChanges);
	}
}
