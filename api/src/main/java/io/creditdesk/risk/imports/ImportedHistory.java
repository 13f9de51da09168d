package io.creditdesk.risk.imports;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.creditdesk.infrastructure.MongoIndexes;
import io.creditdesk.scoring.history.MonthlyStatement;
import io.creditdesk.scoring.ledger.Application;
import io.creditdesk.scoring.ledger.ApplicationKind;
import io.creditdesk.scoring.ledger.ImportedMonths;
import io.creditdesk.scoring.ledger.LedgerInvoice;
import io.creditdesk.scoring.ledger.LimitChange;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The history customers brought from their previous system: monthly statements
 * ({@link ImportedStatement}, one document per customer and calendar month) and invoices
 * with their settlement ({@link ImportedInvoice}, one document per customer and invoice),
 * as scoring reads them.
 * <p>
 * Imported invoices become ledger facts as the invoice CSV defines them: the invoice
 * known from its date, a payment of {@code paid_amount} on {@code settled_date} and, when
 * less was paid, a write-off of the rest on that day; a {@code credit_limit} on an
 * invoice is the limit in force from its date. Imported facts carry no booking time of
 * their own, so each counts as booked at the start of its own date (they describe what
 * the previous system knew then).
 */
@Component
public class ImportedHistory {

	private final MongoTemplate mongo;

	ImportedHistory(MongoTemplate mongo, MongoIndexes indexes) {
		this.mongo = mongo;
		indexes.declare(ImportedStatement.class, new Index().on("customerId", Sort.Direction.ASC).named("customer"));
		indexes.declare(ImportedInvoice.class, new Index().on("customerId", Sort.Direction.ASC).named("customer"));
	}

	/**
	 * What was imported for one customer, as scoring reads it.
	 *
	 * @param months imported monthly statements
	 * @param invoices imported invoices as ledger facts
	 * @param limits limits named on imported invoices
	 */
	public record Imported(ImportedMonths months, List<LedgerInvoice> invoices, List<LimitChange> limits) {

		static Imported none(String customerId) {
			return new Imported(ImportedMonths.none(customerId), List.of(), List.of());
		}

	}

	/** Everything imported for these customers, by customer id (none for the others). */
	public Map<String, Imported> of(Collection<String> customerIds) {
		if (customerIds.isEmpty()) {
			return Map.of();
		}
		// The range ahead of the list spares the embedded store, which scans, comparing
		// every document with every id (see InvoiceFacts.ofCustomers).
		Query byCustomer = Query.query(Criteria.where("customerId")
			.gte(Collections.min(customerIds))
			.lte(Collections.max(customerIds))
			.in(customerIds));
		Map<String, Map<YearMonth, MonthlyStatement>> months = new HashMap<>();
		for (ImportedStatement s : this.mongo.find(byCustomer, ImportedStatement.class)) {
			months.computeIfAbsent(s.customerId(), k -> new TreeMap<>())
				.put(YearMonth.parse(s.month()),
						new MonthlyStatement(s.creditLimit(), s.billed(), s.paid(), s.delayStatus()));
		}
		Map<String, List<LedgerInvoice>> invoices = new HashMap<>();
		Map<String, List<LimitChange>> limits = new HashMap<>();
		for (ImportedInvoice i : this.mongo.find(byCustomer, ImportedInvoice.class)) {
			invoices.computeIfAbsent(i.customerId(), k -> new ArrayList<>()).add(fact(i));
			if (i.creditLimit() != null) {
				limits.computeIfAbsent(i.customerId(), k -> new ArrayList<>())
					.add(new LimitChange(i.invoiceDate(), i.creditLimit(), bookedOn(i.invoiceDate())));
			}
		}
		Map<String, Imported> out = new HashMap<>();
		for (String id : customerIds) {
			if (months.containsKey(id) || invoices.containsKey(id)) {
				out.put(id, new Imported(new ImportedMonths(id, months.getOrDefault(id, Map.of())),
						invoices.getOrDefault(id, List.of()), limits.getOrDefault(id, List.of())));
			}
		}
		return out;
	}

	/**
	 * The first day of the oldest imported fact (an invoice's date, or the first day of a
	 * statement's month), or empty when nothing was imported.
	 */
	public Optional<LocalDate> earliestDay() {
		Query firstInvoice = new Query().with(Sort.by("invoiceDate")).limit(1);
		ImportedInvoice invoice = this.mongo.findOne(firstInvoice, ImportedInvoice.class);
		Query firstMonth = new Query().with(Sort.by("month")).limit(1);
		ImportedStatement statement = this.mongo.findOne(firstMonth, ImportedStatement.class);
		LocalDate fromInvoice = (invoice != null) ? invoice.invoiceDate() : null;
		LocalDate fromStatement = (statement != null) ? YearMonth.parse(statement.month()).atDay(1) : null;
		if (fromInvoice == null || (fromStatement != null && fromStatement.isBefore(fromInvoice))) {
			return Optional.ofNullable(fromStatement);
		}
		return Optional.of(fromInvoice);
	}

	/** What was imported for one customer. */
	public Imported of(String customerId) {
		return of(List.of(customerId)).getOrDefault(customerId, Imported.none(customerId));
	}

	static LedgerInvoice fact(ImportedInvoice i) {
		List<Application> applications = new ArrayList<>(2);
		if (i.settledDate() != null) {
			BigDecimal paid = (i.paidAmount() != null) ? i.paidAmount() : i.amount();
			applications
				.add(new Application(ApplicationKind.PAYMENT, i.settledDate(), paid, bookedOn(i.settledDate())));
			if (paid.compareTo(i.amount()) < 0) {
				applications.add(new Application(ApplicationKind.WRITE_OFF, i.settledDate(), i.amount().subtract(paid),
						bookedOn(i.settledDate())));
			}
		}
		return new LedgerInvoice(i.invoiceId(), i.invoiceDate(), i.dueDate(), i.amount(), bookedOn(i.invoiceDate()),
				applications);
	}

	/** A fact of the previous system counts as booked at the start of its own day. */
	static Instant bookedOn(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

}
