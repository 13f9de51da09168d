package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.common.Money;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link InvoiceFacts#ofCustomers} answers exactly the invoices of the customers asked
 * for, whatever other customers' ids lie between them and at the ends of the range it
 * queries with; {@link InvoiceFacts#ofCustomerRange} those of every customer in the
 * range, both ends included.
 */
@CreditDeskIntegrationTest
class InvoiceFactsIntegrationTests {

	@Autowired
	private InvoiceFacts facts;

	@Autowired
	private MongoTemplate mongo;

	@Test
	void readsTheInvoicesOfTheCustomersAskedForAndNoOthers() {
		String prefix = "facts-" + System.nanoTime() + "-";
		for (String customer : List.of("a", "b", "c", "d", "e")) {
			for (int i = 1; i <= 2; i++) {
				this.mongo.insert(invoice(prefix + customer + "-" + i, prefix + customer, LocalDate.of(2026, i, 10)));
			}
		}

		assertThat(this.facts.ofCustomers(List.of(prefix + "d", prefix + "b"))).extracting(Invoice::id)
			.containsExactly(prefix + "b-1", prefix + "b-2", prefix + "d-1", prefix + "d-2");
		assertThat(this.facts.ofCustomers(List.of(prefix + "a", prefix + "e"))).extracting(Invoice::id)
			.containsExactly(prefix + "a-1", prefix + "a-2", prefix + "e-1", prefix + "e-2");
		assertThat(this.facts.ofCustomers(List.of(prefix + "c"))).extracting(Invoice::id)
			.containsExactly(prefix + "c-1", prefix + "c-2");
		assertThat(this.facts.ofCustomers(List.of(prefix + "x"))).isEmpty();
		assertThat(this.facts.ofCustomers(List.of())).isEmpty();
	}

	@Test
	void readsEveryInvoiceOfTheCustomersInARangeBothEndsIncluded() {
		String prefix = "range-" + System.nanoTime() + "-";
		for (String customer : List.of("a", "b", "c", "d", "e")) {
			this.mongo.insert(invoice(prefix + customer + "-1", prefix + customer, LocalDate.of(2026, 2, 10)));
		}

		assertThat(this.facts.ofCustomerRange(prefix + "b", prefix + "d")).extracting(Invoice::id)
			.containsExactly(prefix + "b-1", prefix + "c-1", prefix + "d-1");
	}

	private static Invoice invoice(String id, String customerId, LocalDate date) {
		Money amount = Money.of("100.00", "EUR");
		return new Invoice(id, customerId, null, amount, amount, BigDecimal.ONE, date, date, date.plusDays(30), null,
				null, amount.amount(), amount.amount(), InvoiceStatus.OPEN, List.of(), null, "test",
				Instant.parse("2026-01-01T00:00:00Z"), null, null);
	}

}
