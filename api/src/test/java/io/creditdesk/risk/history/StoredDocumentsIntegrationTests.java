package io.creditdesk.risk.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.common.Money;
import io.creditdesk.customer.CreditLimit;
import io.creditdesk.customer.CreditLimitChange;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerBatches;
import io.creditdesk.customer.CustomerBatches.CustomerCredit;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.ledger.Invoice;
import io.creditdesk.ledger.Invoice.Application;
import io.creditdesk.ledger.Invoice.ApplicationType;
import io.creditdesk.ledger.InvoiceFacts;
import io.creditdesk.ledger.InvoiceStatus;
import io.creditdesk.risk.CustomerLedgers;
import io.creditdesk.scoring.ledger.CustomerLedger;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The re-scoring path decodes customer and invoice documents itself
 * ({@link LedgerDocuments}); the facts it builds must be exactly those built from the
 * documents mapped by Spring Data to {@link Customer} and {@link Invoice}, over a varied
 * ledger: payments, discounts, credit notes and write-offs, invoices in other currencies
 * booked at a rate, amounts stored without their currency's scale, ObjectId and string
 * ids, customers without segment, limit, limit history or registration instant, and every
 * optional field of an invoice missing.
 */
@CreditDeskIntegrationTest
class StoredDocumentsIntegrationTests {

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private CustomerBatches customerBatches;

	@Autowired
	private InvoiceFacts invoiceFacts;

	@Autowired
	private LedgerDocuments documents;

	@Autowired
	private CustomerLedgers ledgers;

	private String segment;

	private final List<String> ids = new ArrayList<>();

	@BeforeEach
	void varied() {
		this.segment = "STORED-" + System.nanoTime();
		Instant registered = Instant.parse("2026-01-05T09:30:00Z");
		// An ObjectId id, with a limit history and one of each application.
		String a = customer(new ObjectId().toHexString(), this.segment, "EUR", registered,
				new CreditLimit(Money.of("50000", "EUR"), null, null, "cfo", Instant.parse("2026-02-01T10:00:00Z")),
				List.of(new CreditLimitChange(LocalDate.parse("2026-01-04"), Money.of("20000", "EUR"), registered),
						new CreditLimitChange(LocalDate.parse("2026-02-01"), Money.of("50000", "EUR"),
								Instant.parse("2026-02-01T10:00:00Z"))));
		invoice(a + "-1", a, "EUR", "1200.00", "1", LocalDate.parse("2026-01-10"),
				Instant.parse("2026-01-10T12:00:00Z"),
				List.of(payment("p1", ApplicationType.PAYMENT, "700.00", "2026-02-01", "2026-02-01T15:00:00Z"),
						payment("d1", ApplicationType.DISCOUNT, "24.00", "2026-02-01", "2026-02-01T15:00:00Z"),
						payment("c1", ApplicationType.CREDIT_NOTE, "76.00", "2026-02-03", "2026-02-03T08:00:00Z"),
						payment("w1", ApplicationType.WRITE_OFF, "400.00", "2026-05-01", "2026-05-01T11:00:00Z")));
		// An invoice in US dollars booked at 0.9 into the credit currency; one dated
		// before registration (history brought in), recorded on the day after.
		invoice(a + "-2", a, "USD", "900.00", "0.9", LocalDate.parse("2026-03-02"),
				Instant.parse("2026-03-02T08:00:00Z"),
				List.of(payment("p2", ApplicationType.PAYMENT, "900.00", "2026-04-20", "2026-04-22T09:00:00Z")));
		invoice(a + "-0", a, "EUR", "333.33", "1", LocalDate.parse("2025-11-20"), Instant.parse("2026-01-06T18:00:00Z"),
				List.of(payment("p0", ApplicationType.PAYMENT, "333.33", "2025-12-20", "2026-01-06T18:00:00Z")));
		// A string id, no limit history of its own, a yen limit (no minor unit).
		String b = customer("stored-b-" + System.nanoTime(), this.segment, "JPY", registered,
				new CreditLimit(Money.of("3000000", "JPY"), null, null, "cfo", registered), List.of());
		invoice(b + "-1", b, "JPY", "150000", "1", LocalDate.parse("2026-02-10"), Instant.parse("2026-02-10T12:00:00Z"),
				List.of());
		// No registration instant, no limit.
		String c = customer(new ObjectId().toHexString(), this.segment, "EUR", null, null, List.of());
		invoice(c + "-1", c, "EUR", "10.00", "1", LocalDate.parse("2026-03-10"), Instant.parse("2026-03-10T12:00:00Z"),
				List.of(payment("p3", ApplicationType.PAYMENT, "5.00", "2026-03-11", "2026-03-11T12:00:00Z")));
		// Written by another client: amounts without their scale, optional fields absent.
		String d = new ObjectId().toHexString();
		this.mongo.getCollection("customers")
			.insertOne(new Document("_id", new ObjectId(d)).append("segment", this.segment)
				.append("externalRef", "REF-" + d)
				.append("name", "Customer " + d)
				.append("taxId", "TAX-" + d)
				.append("countryCode", "DE")
				.append("creditCurrency", "EUR")
				.append("status", "ACTIVE")
				.append("version", 1L)
				.append("creditLimit", new Document("amount",
						new Document("amount", new Decimal128(new BigDecimal("7000"))).append("currency", "EUR"))
					.append("approvedAt", Date.from(registered))));
		this.ids.add(d);
		this.mongo.getCollection("invoices")
			.insertOne(new Document("_id", d + "-1").append("customerId", d)
				.append("creditAmount",
						new Document("amount", new Decimal128(new BigDecimal("250"))).append("currency", "EUR"))
				.append("invoiceDate", Date.from(Instant.parse("2026-02-01T00:00:00Z")))
				.append("dueDate", Date.from(Instant.parse("2026-03-01T00:00:00Z")))
				.append("issuedAt", Date.from(Instant.parse("2026-02-01T10:00:00Z")))
				.append("applications",
						List.of(new Document("type", "PAYMENT")
							.append("creditAmount", new Decimal128(new BigDecimal("250")))
							.append("date", Date.from(Instant.parse("2026-02-20T00:00:00Z")))
							.append("at", Date.from(Instant.parse("2026-02-20T10:00:00Z"))))));
	}

	@Test
	void documentsDecodeToWhatTheMappedEntitiesSay() {
		List<CustomerCredit> mapped = this.customerBatches.of(this.ids);
		assertThat(mapped).hasSize(this.ids.size());
		assertThat(this.documents.customers(this.ids))
			.isEqualTo(mapped.stream().map(c -> StoredCustomer.of(c.customer(), c.limitHistory())).toList());
		assertThat(this.documents.invoicesOf(this.ids))
			.isEqualTo(this.invoiceFacts.ofCustomers(this.ids).stream().map(StoredInvoice::of).toList())
			.hasSize(6);
	}

	@Test
	void factsFromStoredDocumentsEqualFactsFromMappedEntities() {
		List<CustomerLedger> expected = new ArrayList<>();
		for (CustomerCredit c : this.customerBatches.of(this.ids)) {
			List<Invoice> invoices = this.invoiceFacts.ofCustomers(List.of(c.customer().id()));
			expected.add(LedgerFacts.of(c.customer(), c.limitHistory(), invoices, List.of(), List.of()));
		}
		assertThat(expected).hasSize(4).allSatisfy(ledger -> assertThat(ledger.invoices()).isNotEmpty());

		List<CustomerLedger> bySegment = new ArrayList<>();
		this.ledgers.forEach(Optional.of(this.segment), facts -> bySegment.add(facts.ledger()));
		assertThat(bySegment).isEqualTo(expected);
		for (CustomerLedger ledger : expected) {
			assertThat(this.ledgers.of(ledger.customerId())).get()
				.extracting(CustomerLedgers.Facts::ledger)
				.isEqualTo(ledger);
		}
	}

	private String customer(String id, String segment, String currency, Instant registered, CreditLimit limit,
			List<CreditLimitChange> history) {
		Customer customer = new Customer(id, "REF-" + id, "Customer " + id, "TAX-" + id, "DE", segment, null, null,
				null, currency, CustomerStatus.ACTIVE, List.of(), limit, registered, registered, 1, null);
		this.mongo.insert(customer);
		if (!history.isEmpty()) {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
					new Update().set(CreditLimitChange.FIELD, history), Customer.class);
		}
		this.ids.add(id);
		return id;
	}

	private void invoice(String id, String customerId, String currency, String amount, String rate, LocalDate date,
			Instant issuedAt, List<Application> applications) {
		Money original = Money.of(amount, currency);
		BigDecimal fxRate = new BigDecimal(rate);
		Money credit = (fxRate.compareTo(BigDecimal.ONE) == 0) ? original
				: Money.of(original.amount().multiply(fxRate).toPlainString(), "EUR");
		this.mongo.insert(new Invoice(id, customerId, null, original, credit, fxRate, date, date, date.plusDays(30),
				null, null, BigDecimal.ZERO, BigDecimal.ZERO, InvoiceStatus.OPEN, applications, null, "test", issuedAt,
				null, null));
	}

	private static Application payment(String id, ApplicationType type, String amount, String date, String at) {
		return new Application(id, type, new BigDecimal(amount), new BigDecimal(amount), LocalDate.parse(date), "test",
				Instant.parse(at), null);
	}

}
