package io.creditdesk.scoring.ledger;

import io.creditdesk.scoring.data.Invoice;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Short ways to write ledger facts in tests. */
final class LedgerFacts {

	private LedgerFacts() {
	}

	static LocalDate d(String iso) {
		return LocalDate.parse(iso);
	}

	/** Booked at 09:00 UTC on the day. */
	static Instant at(String iso) {
		return d(iso).atTime(9, 0).toInstant(ZoneOffset.UTC);
	}

	static BigDecimal amt(String v) {
		return new BigDecimal(v);
	}

	static Application pay(String date, String amount) {
		return new Application(ApplicationKind.PAYMENT, d(date), amt(amount), at(date));
	}

	static Application pay(String date, String amount, String bookedOn) {
		return new Application(ApplicationKind.PAYMENT, d(date), amt(amount), at(bookedOn));
	}

	static Application apply(ApplicationKind kind, String date, String amount) {
		return new Application(kind, d(date), amt(amount), at(date));
	}

	static LedgerInvoice invoice(String id, String issued, String due, String amount, Application... applied) {
		return new LedgerInvoice(id, d(issued), d(due), amt(amount), at(issued), Arrays.asList(applied));
	}

	static LedgerInvoice invoiceBooked(String id, String issued, String due, String amount, String bookedOn,
			Application... applied) {
		return new LedgerInvoice(id, d(issued), d(due), amt(amount), at(bookedOn), Arrays.asList(applied));
	}

	static LimitChange limit(String effective, String amount, String bookedOn) {
		return new LimitChange(d(effective), amt(amount), at(bookedOn));
	}

	static CustomerLedger ledger(String customer, String opened, List<LedgerInvoice> invoices,
			List<LimitChange> limits) {
		return new CustomerLedger(customer, "SME", "EUR", opened == null ? null : d(opened), invoices, limits);
	}

	static CustomerLedger with(CustomerLedger l, LedgerInvoice extra) {
		List<LedgerInvoice> invoices = new ArrayList<>(l.invoices());
		invoices.add(extra);
		return new CustomerLedger(l.customerId(), l.segment(), l.currency(), l.accountOpened(), invoices,
				l.limitChanges());
	}

	static CustomerLedger replace(CustomerLedger l, String invoiceId, LedgerInvoice by) {
		List<LedgerInvoice> invoices = new ArrayList<>(l.invoices());
		invoices.replaceAll(i -> i.id().equals(invoiceId) ? by : i);
		return new CustomerLedger(l.customerId(), l.segment(), l.currency(), l.accountOpened(), invoices,
				l.limitChanges());
	}

	/**
	 * Invoice-CSV rows as ledger facts, the documented reading: a settlement is a payment
	 * of the paid amount plus a write-off of any shortfall on the settled date; a row's
	 * credit limit is in force from its invoice date; every fact is booked at the start
	 * of its own day (UTC).
	 */
	static List<CustomerLedger> fromInvoiceCsv(List<Invoice> rows) {
		Map<String, List<Invoice>> byCustomer = new LinkedHashMap<>();
		rows.forEach(i -> byCustomer.computeIfAbsent(i.customerId(), k -> new ArrayList<>()).add(i));
		List<CustomerLedger> out = new ArrayList<>();
		byCustomer.forEach((customer, own) -> {
			List<LedgerInvoice> invoices = new ArrayList<>();
			List<LimitChange> limits = new ArrayList<>();
			for (Invoice i : own) {
				List<Application> applied = new ArrayList<>();
				if (i.settledDate() != null) {
					Instant booked = i.settledDate().atStartOfDay(ZoneOffset.UTC).toInstant();
					BigDecimal paid = BigDecimal.valueOf(i.paidAmount());
					BigDecimal shortfall = BigDecimal.valueOf(i.amount()).subtract(paid);
					applied.add(new Application(ApplicationKind.PAYMENT, i.settledDate(), paid, booked));
					if (shortfall.signum() > 0) {
						applied.add(new Application(ApplicationKind.WRITE_OFF, i.settledDate(), shortfall, booked));
					}
				}
				Instant issued = i.invoiceDate().atStartOfDay(ZoneOffset.UTC).toInstant();
				invoices.add(new LedgerInvoice(i.invoiceId(), i.invoiceDate(), i.dueDate(),
						BigDecimal.valueOf(i.amount()), issued, applied));
				if (i.hasCreditLimit()) {
					limits.add(new LimitChange(i.invoiceDate(), BigDecimal.valueOf(i.creditLimit()), issued));
				}
			}
			out.add(new CustomerLedger(customer, own.get(0).segment(), "XXX", null, invoices, limits));
		});
		return out;
	}

}
