package io.creditdesk.risk.history;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.creditdesk.common.Money;
import io.creditdesk.customer.CreditLimit;
import io.creditdesk.customer.CreditLimitChange;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.ledger.Invoice;
import io.creditdesk.ledger.Invoice.Application;
import io.creditdesk.ledger.Invoice.ApplicationType;
import io.creditdesk.ledger.InvoiceStatus;
import io.creditdesk.scoring.ledger.ApplicationKind;
import io.creditdesk.scoring.ledger.CustomerLedger;
import io.creditdesk.scoring.ledger.LedgerInvoice;
import io.creditdesk.scoring.ledger.LimitChange;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class LedgerFactsTests {

	private static final Instant REGISTERED = Instant.parse("2026-03-10T09:00:00Z");

	private static Customer customer(CreditLimit limit) {
		return new Customer("c1", "ERP-1", "Acme", "DE123", "DE", "SMB", "GOLD", "RETAIL", null, "EUR",
				CustomerStatus.ACTIVE, List.of(), limit, REGISTERED, REGISTERED, 3, LocalDate.parse("2020-01-01"));
	}

	/** An invoice of 1,000 USD booked at 0.90 EUR, paid in two parts and written off. */
	private static Invoice usdInvoice() {
		Instant issued = Instant.parse("2026-04-02T08:00:00Z");
		return new Invoice("INV-1", "c1", null, Money.of("1000", "USD"), Money.of("900", "EUR"), new BigDecimal("0.9"),
				LocalDate.parse("2026-04-01"), LocalDate.parse("2026-04-01"), LocalDate.parse("2026-05-01"), null, null,
				BigDecimal.ZERO, BigDecimal.ZERO, InvoiceStatus.WRITTEN_OFF,
				List.of(new Application("p1", ApplicationType.PAYMENT, new BigDecimal("600"), new BigDecimal("540"),
						LocalDate.parse("2026-05-10"), "int", Instant.parse("2026-06-20T10:00:00Z"), null),
						new Application("w1", ApplicationType.WRITE_OFF, new BigDecimal("400"), new BigDecimal("360"),
								LocalDate.parse("2026-07-01"), "cfo", Instant.parse("2026-07-01T11:00:00Z"), null)),
				LocalDate.parse("2026-07-01"), "int", issued, "f", null);
	}

	@Test
	void invoicesAndApplicationsAreInTheCreditCurrencyAtTheStoredRateWithTheirBookingInstants() {
		CustomerLedger ledger = LedgerFacts.of(customer(null), List.of(), List.of(usdInvoice()), List.of(), List.of());
		assertThat(ledger.currency()).isEqualTo("EUR");
		LedgerInvoice invoice = ledger.invoices().get(0);
		assertThat(invoice.amount()).isEqualByComparingTo("900");
		assertThat(invoice.issueDate()).isEqualTo(LocalDate.parse("2026-04-01"));
		assertThat(invoice.dueDate()).isEqualTo(LocalDate.parse("2026-05-01"));
		assertThat(invoice.bookedAt()).isEqualTo(Instant.parse("2026-04-02T08:00:00Z"));
		assertThat(invoice.applications())
			.extracting(a -> a.kind(), a -> a.amount().toPlainString(), a -> a.date(), a -> a.bookedAt())
			.containsExactly(
					tuple(ApplicationKind.PAYMENT, "540", LocalDate.parse("2026-05-10"),
							Instant.parse("2026-06-20T10:00:00Z")),
					tuple(ApplicationKind.WRITE_OFF, "360", LocalDate.parse("2026-07-01"),
							Instant.parse("2026-07-01T11:00:00Z")));
		assertThat(ledger.accountOpened()).isEqualTo(LocalDate.parse("2026-03-10"));
	}

	@Test
	void historyRecordedAtOnboardingCountsAsBookedOnItsOwnDatesLaterFactsWhenRecorded() {
		// Recorded the day after registration (a migration, the demo): booked on its
		// dates.
		Invoice migrated = new Invoice("INV-0", "c1", null, Money.of("500", "EUR"), Money.of("500", "EUR"),
				BigDecimal.ONE, LocalDate.parse("2025-01-10"), LocalDate.parse("2025-01-10"),
				LocalDate.parse("2025-02-09"), null, null, BigDecimal.ZERO, BigDecimal.ZERO, InvoiceStatus.PAID,
				List.of(new Application("p0", ApplicationType.PAYMENT, new BigDecimal("500"), new BigDecimal("500"),
						LocalDate.parse("2025-02-20"), "demo", Instant.parse("2026-03-11T10:00:00Z"), null)),
				LocalDate.parse("2025-02-20"), "demo", Instant.parse("2026-03-11T09:30:00Z"), "f0", null);
		LedgerInvoice fact = LedgerFacts.of(customer(null), List.of(), List.of(migrated), List.of(), List.of())
			.invoices()
			.get(0);
		assertThat(fact.bookedAt()).isEqualTo(Instant.parse("2025-01-10T00:00:00Z"));
		assertThat(fact.applications().get(0).bookedAt()).isEqualTo(Instant.parse("2025-02-20T00:00:00Z"));
		// Recorded after the onboarding window (the usd invoice, paid late): when
		// recorded.
		LedgerInvoice later = LedgerFacts.of(customer(null), List.of(), List.of(usdInvoice()), List.of(), List.of())
			.invoices()
			.get(0);
		assertThat(later.applications().get(0).bookedAt()).isEqualTo(Instant.parse("2026-06-20T10:00:00Z"));
	}

	@Test
	void theLimitHistoryGivesEveryLimitWithItsDayAndBooking() {
		List<CreditLimitChange> history = List.of(
				new CreditLimitChange(LocalDate.parse("2026-03-10"), Money.of("10000", "EUR"),
						Instant.parse("2026-03-10T09:05:00Z")),
				new CreditLimitChange(LocalDate.parse("2026-06-01"), Money.of("25000", "EUR"),
						Instant.parse("2026-06-01T12:00:00Z")));
		CreditLimit current = new CreditLimit(Money.of("25000", "EUR"), null, LocalDate.parse("2027-06-01"), "m",
				Instant.parse("2026-06-01T12:00:00Z"));
		CustomerLedger ledger = LedgerFacts.of(customer(current), history, List.of(), List.of(), List.of());
		assertThat(ledger.limitChanges()).extracting(LimitChange::effectiveDate, l -> l.amount().toPlainString())
			.containsExactly(tuple(LocalDate.parse("2026-03-10"), "10000.00"),
					tuple(LocalDate.parse("2026-06-01"), "25000.00"));
	}

	@Test
	void aLimitSetBeforeTheHistoryWasKeptCountsFromItsApproval() {
		CreditLimit current = new CreditLimit(Money.of("5000", "EUR"), null, LocalDate.parse("2027-01-01"), "m",
				Instant.parse("2026-03-11T07:00:00Z"));
		CustomerLedger ledger = LedgerFacts.of(customer(current), List.of(), List.of(), List.of(), List.of());
		assertThat(ledger.limitChanges()).singleElement().satisfies(l -> {
			assertThat(l.effectiveDate()).isEqualTo(LocalDate.parse("2026-03-11"));
			assertThat(l.amount()).isEqualByComparingTo("5000");
			assertThat(l.bookedAt()).isEqualTo(Instant.parse("2026-03-11T07:00:00Z"));
		});
	}

}
