package io.creditdesk.risk.history;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.creditdesk.customer.CreditLimitChange;
import io.creditdesk.customer.Customer;
import io.creditdesk.ledger.Invoice;
import io.creditdesk.scoring.ledger.Application;
import io.creditdesk.scoring.ledger.CustomerLedger;
import io.creditdesk.scoring.ledger.LedgerInvoice;
import io.creditdesk.scoring.ledger.LimitChange;

/**
 * Turns one customer's ledger documents into the plain facts a payment history is derived
 * from ({@link CustomerLedger}): every invoice and every amount applied to it in the
 * credit currency, at the rate stored with the invoice (so nothing is summed across
 * currencies and nothing is converted again at today's rate), each with the instant the
 * ledger booked it; and every credit limit the customer was approved. The account opens
 * on the day the customer was registered; invoices dated earlier (history brought from an
 * ERP) extend it back.
 */
final class LedgerFacts {

	private LedgerFacts() {
	}

	/**
	 * The customer's facts, from documents mapped by Spring Data.
	 * @param customer the customer document
	 * @param limits its limit history, oldest first (empty for customers whose limit was
	 * set before the history was kept: then the current limit counts from its approval)
	 * @param invoices its invoices in the ledger
	 * @param imported invoices imported at onboarding, already in the credit currency
	 * @param importedLimits limits named on imported invoices
	 */
	static CustomerLedger of(Customer customer, List<CreditLimitChange> limits, List<Invoice> invoices,
			List<LedgerInvoice> imported, List<LimitChange> importedLimits) {
		List<StoredInvoice> stored = new ArrayList<>(invoices.size());
		for (Invoice invoice : invoices) {
			stored.add(StoredInvoice.of(invoice));
		}
		return of(StoredCustomer.of(customer, limits), stored, imported, importedLimits);
	}

	/**
	 * The customer's facts, from its documents as stored.
	 * @param customer the customer document
	 * @param invoices its invoices in the ledger
	 * @param imported invoices imported at onboarding, already in the credit currency
	 * @param importedLimits limits named on imported invoices
	 */
	static CustomerLedger of(StoredCustomer customer, List<StoredInvoice> invoices, List<LedgerInvoice> imported,
			List<LimitChange> importedLimits) {
		List<LedgerInvoice> facts = new ArrayList<>(invoices.size() + imported.size());
		Instant onboarded = onboardingCutoff(customer.createdAt());
		for (StoredInvoice invoice : invoices) {
			facts.add(invoice(invoice, onboarded));
		}
		facts.addAll(imported);
		List<LimitChange> limitChanges = new ArrayList<>(importedLimits);
		if (customer.limitHistory().isEmpty() && customer.limitApprovedAt() != null) {
			limitChanges.add(new LimitChange(LocalDate.ofInstant(customer.limitApprovedAt(), ZoneOffset.UTC),
					customer.limit(), customer.limitApprovedAt()));
		}
		for (StoredCustomer.LimitSet change : customer.limitHistory()) {
			limitChanges.add(new LimitChange(change.effectiveDate(), change.amount(), change.bookedAt()));
		}
		LocalDate opened = (customer.createdAt() != null) ? LocalDate.ofInstant(customer.createdAt(), ZoneOffset.UTC)
				: null;
		return new CustomerLedger(customer.id(), customer.segment(), customer.creditCurrency(), opened, facts,
				limitChanges);
	}

	static LedgerInvoice invoice(Invoice invoice) {
		return invoice(StoredInvoice.of(invoice), null);
	}

	/**
	 * A ledger invoice with its booking instants. A fact recorded by the end of the day
	 * after the customer was registered is history brought in at onboarding (a migration,
	 * the demo): it counts as booked on its own date, as an imported history does
	 * ({@code ImportedHistory}); otherwise it was not known before it was recorded, so a
	 * later payment never leaks into an earlier month.
	 */
	static LedgerInvoice invoice(StoredInvoice invoice, Instant onboarded) {
		List<Application> applications = new ArrayList<>(invoice.applications().size());
		for (StoredInvoice.Applied a : invoice.applications()) {
			applications
				.add(new Application(a.kind(), a.date(), a.creditAmount(), booked(a.at(), a.date(), onboarded)));
		}
		return new LedgerInvoice(invoice.id(), invoice.invoiceDate(), invoice.dueDate(),
				Objects.requireNonNull(invoice.creditAmount(), "creditAmount"),
				booked(invoice.issuedAt(), invoice.invoiceDate(), onboarded), applications);
	}

	/** The end of the day after the customer was registered, or null when unknown. */
	static Instant onboardingCutoff(Instant createdAt) {
		if (createdAt == null) {
			return null;
		}
		return LocalDate.ofInstant(createdAt, ZoneOffset.UTC).plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant();
	}

	private static Instant booked(Instant recorded, LocalDate date, Instant onboarded) {
		if (onboarded == null || recorded == null || date == null || recorded.isAfter(onboarded)) {
			return recorded;
		}
		Instant dated = date.atStartOfDay(ZoneOffset.UTC).toInstant();
		return dated.isBefore(recorded) ? dated : recorded;
	}

}
