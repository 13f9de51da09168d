package io.creditdesk.trainingdata.generator;

import io.creditdesk.scoring.data.Invoice;
import io.creditdesk.scoring.ledger.Application;
import io.creditdesk.scoring.ledger.ApplicationKind;
import io.creditdesk.scoring.ledger.CustomerLedger;
import io.creditdesk.scoring.ledger.LedgerInvoice;
import io.creditdesk.scoring.ledger.LimitChange;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A generated customer as the service's ledger would hold it: each settled invoice gets a
 * payment of what was paid and, when less was paid, a write-off of the rest, on the
 * settlement day; the customer's limit is in force from the account's opening; every fact
 * is booked at the start of its own day (UTC). Amounts are in cents of {@code currency}.
 * Demo data and benchmarks build ledgers this way.
 */
public final class GeneratedLedgers {

	private GeneratedLedgers() {
	}

	/**
	 * The ledger of one generated customer.
	 * @param opened the day the account was opened (the simulation's start)
	 */
	public static CustomerLedger of(PaymentHistoryGenerator.Customer customer, LocalDate opened, String currency) {
		List<LedgerInvoice> invoices = new ArrayList<>(customer.invoices().size());
		BigDecimal limit = null;
		for (Invoice i : customer.invoices()) {
			BigDecimal amount = cents(i.amount());
			if (amount.signum() <= 0) {
				continue; // the ledger has no zero invoices
			}
			List<Application> applied = new ArrayList<>(2);
			if (i.settledDate() != null) {
				Instant booked = startOf(i.settledDate());
				BigDecimal paid = cents(i.paidAmount());
				applied.add(new Application(ApplicationKind.PAYMENT, i.settledDate(), paid, booked));
				BigDecimal shortfall = amount.subtract(paid);
				if (shortfall.signum() > 0) {
					applied.add(new Application(ApplicationKind.WRITE_OFF, i.settledDate(), shortfall, booked));
				}
			}
			invoices.add(new LedgerInvoice(i.invoiceId(), i.invoiceDate(), i.dueDate(), amount,
					startOf(i.invoiceDate()), applied));
			if (limit == null && i.hasCreditLimit()) {
				limit = cents(i.creditLimit());
			}
		}
		List<LimitChange> limits = limit == null ? List.of() : List.of(new LimitChange(opened, limit, startOf(opened)));
		return new CustomerLedger(customer.id(), customer.segment().name(), currency, opened, invoices, limits);
	}

	private static BigDecimal cents(double amount) {
		return BigDecimal.valueOf(amount).setScale(2, RoundingMode.HALF_UP);
	}

	private static Instant startOf(LocalDate day) {
		return day.atStartOfDay(ZoneOffset.UTC).toInstant();
	}

}
