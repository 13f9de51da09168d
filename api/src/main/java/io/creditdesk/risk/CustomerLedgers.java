package io.creditdesk.risk;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.creditdesk.scoring.ledger.CustomerLedger;
import io.creditdesk.scoring.ledger.ImportedMonths;

/**
 * The ledger facts a customer's payment history is derived from, read from the service's
 * own invoices, payments, credit notes, write-offs and limit changes (amounts in the
 * customer's credit currency, each fact with the day it was booked), together with the
 * monthly statements imported for the customer at onboarding. Live scoring, training and
 * the training-set export all read histories through this one port, so they build them
 * one way.
 */
public interface CustomerLedgers {

	/** One customer's facts and imported months, when the customer exists. */
	default Optional<Facts> of(String customerId) {
		return Optional.ofNullable(of(List.of(customerId)).get(customerId));
	}

	/**
	 * The facts of {@code customerIds} (a page of customers), keyed by id; a customer
	 * that does not exist, or whose documents cannot form a history, is absent.
	 */
	Map<String, Facts> of(Collection<String> customerIds);

	/**
	 * Every customer's facts (of one segment, when given), handed over one customer at a
	 * time in batches, never the whole portfolio in memory.
	 */
	void forEach(Optional<String> segment, Consumer<Facts> consumer);

	/**
	 * The day of the oldest fact any customer's history can be derived from (an invoice
	 * of the ledger, an imported invoice, the first day of an imported statement's
	 * month), or empty when there is none: where a replay of history can begin.
	 */
	Optional<LocalDate> firstDay();

	/**
	 * A customer's ledger facts and imported monthly statements.
	 *
	 * @param ledger the ledger facts
	 * @param imported the statements imported at onboarding (empty when none)
	 */
	record Facts(CustomerLedger ledger, ImportedMonths imported) {
	}

}
