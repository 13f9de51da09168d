package io.creditdesk.risk.history;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

import io.creditdesk.ledger.InvoiceFacts;
import io.creditdesk.risk.CustomerLedgers;
import io.creditdesk.risk.imports.ImportedHistory;
import io.creditdesk.risk.imports.ImportedHistory.Imported;
import io.creditdesk.scoring.ledger.CustomerLedger;
import io.creditdesk.scoring.ledger.ImportedMonths;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * {@link CustomerLedgers} from the service's own documents: customers with their limit
 * history, their invoices with every amount applied, and what they imported at
 * onboarding, read a batch of customers at a time (three queries a batch, whatever its
 * size), decoded straight from the stored documents ({@link LedgerDocuments}).
 */
@Component
class LedgerCustomerLedgers implements CustomerLedgers {

	private static final Logger log = LoggerFactory.getLogger(LedgerCustomerLedgers.class);

	private final LedgerDocuments documents;

	private final InvoiceFacts invoices;

	private final ImportedHistory imported;

	private final int batchSize;

	LedgerCustomerLedgers(LedgerDocuments documents, InvoiceFacts invoices, ImportedHistory imported,
			@Value("${creditdesk.scores.read-batch-size:2000}") int batchSize) {
		this.documents = documents;
		this.invoices = invoices;
		this.imported = imported;
		this.batchSize = batchSize;
	}

	@Override
	public Map<String, Facts> of(Collection<String> customerIds) {
		Map<String, Facts> byId = new LinkedHashMap<>();
		for (Facts facts : facts(this.documents.customers(customerIds), this.documents::invoicesOf)) {
			byId.put(facts.ledger().customerId(), facts);
		}
		return byId;
	}

	@Override
	public void forEach(Optional<String> segment, Consumer<Facts> consumer) {
		// A page of the whole portfolio is every customer in its id range: its invoices
		// are read by that range. A segment's page is not, so its ids are listed.
		this.documents.forEachPage(segment, this.batchSize,
				batch -> facts(batch, segment.isEmpty() ? this::byRange : this.documents::invoicesOf)
					.forEach(consumer));
	}

	@Override
	public Optional<LocalDate> firstDay() {
		return Stream.of(this.invoices.earliestInvoiceDate(), this.imported.earliestDay())
			.flatMap(Optional::stream)
			.min(Comparator.naturalOrder());
	}

	/** The facts of a batch of customers, in the batch's order. */
	private List<Facts> facts(List<StoredCustomer> batch, Function<List<String>, List<StoredInvoice>> invoicesOf) {
		List<String> ids = batch.stream().map(StoredCustomer::id).toList();
		Map<String, List<StoredInvoice>> byCustomer = new HashMap<>();
		for (StoredInvoice invoice : invoicesOf.apply(ids)) {
			byCustomer.computeIfAbsent(invoice.customerId(), k -> new ArrayList<>()).add(invoice);
		}
		Map<String, Imported> imports = this.imported.of(ids);
		List<Facts> out = new ArrayList<>(batch.size());
		for (StoredCustomer c : batch) {
			String id = c.id();
			Imported from = imports.get(id);
			try {
				CustomerLedger ledger = LedgerFacts.of(c, byCustomer.getOrDefault(id, List.of()),
						(from != null) ? from.invoices() : List.of(), (from != null) ? from.limits() : List.of());
				out.add(new Facts(ledger, (from != null) ? from.months() : ImportedMonths.none(id)));
			}
			catch (IllegalArgumentException ex) {
				// A document that breaks the ledger's own rules: reported, and the
				// portfolio goes on.
				log.warn("Customer {}: its ledger documents cannot form a payment history: {}", id, ex.getMessage());
			}
		}
		return out;
	}

	/**
	 * The invoices of a page of customers, read by the page's id range; those of
	 * customers between its ids that are not in it (ids of another type sort apart in the
	 * store) are left out here.
	 */
	private List<StoredInvoice> byRange(List<String> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Set<String> page = new HashSet<>(ids);
		return this.documents.invoicesOfRange(Collections.min(ids), Collections.max(ids))
			.stream()
			.filter(invoice -> page.contains(invoice.customerId()))
			.toList();
	}

}
