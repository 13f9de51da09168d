package io.creditdesk.scoring.ledger;

import io.creditdesk.scoring.data.Invoice;
import io.creditdesk.scoring.data.InvoiceAggregator;
import io.creditdesk.scoring.data.InvoiceCsv;
import io.creditdesk.scoring.history.HistoryResult;
import io.creditdesk.scoring.history.HistoryStatus;
import io.creditdesk.scoring.history.MonthlyStatement;
import io.creditdesk.scoring.history.PaymentHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.creditdesk.scoring.ledger.LedgerFacts.apply;
import static io.creditdesk.scoring.ledger.LedgerFacts.at;
import static io.creditdesk.scoring.ledger.LedgerFacts.d;
import static io.creditdesk.scoring.ledger.LedgerFacts.invoice;
import static io.creditdesk.scoring.ledger.LedgerFacts.invoiceBooked;
import static io.creditdesk.scoring.ledger.LedgerFacts.ledger;
import static io.creditdesk.scoring.ledger.LedgerFacts.limit;
import static io.creditdesk.scoring.ledger.LedgerFacts.pay;
import static io.creditdesk.scoring.ledger.LedgerFacts.replace;
import static io.creditdesk.scoring.ledger.LedgerFacts.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Point-in-time histories from ledger facts against hand-computed months, the
 * no-look-ahead rules (what was booked later, dated later or took effect later never
 * reaches an earlier history), insufficient history, and the same statements as
 * {@link InvoiceAggregator} for the same invoices.
 */
class LedgerHistoryTests {

	static final LocalDate T = d("2024-07-01");
	static final HistoryOptions OPTIONS = HistoryOptions.defaults();

	/**
	 * Customer L, account opened 2024-01-01, as of 2024-07-01 (month 1 = June ... month 6
	 * = January):
	 * <ul>
	 * <li>I1 1,000 due 02-09: paid 600 on 02-05 and 400 on 02-20 (closed 11 days
	 * late);</li>
	 * <li>I5 300 due 03-02: never paid, written off on 05-31 (90 days late then);</li>
	 * <li>I2 2,000 due 04-04: credit note 200 on 03-20, paid 1,800 on 04-04 (on
	 * time);</li>
	 * <li>I3 1,500 due 05-10: 30 discount and 1,470 paid on 05-08;</li>
	 * <li>I4 3,000 due 06-01: 1,000 paid on 06-10, 2,000 paid on 07-15 (after T);</li>
	 * <li>I6 700 issued 06-25 but booked only on 07-02 (after T), paid on 07-20;</li>
	 * <li>limits: 5,000 from 01-01, 8,000 from 04-15, 9,000 from 06-20 booked on 07-03,
	 * 12,000 from 07-10.</li>
	 * </ul>
	 */
	static CustomerLedger customerL() {
		return ledger("L", "2024-01-01", List.of(
				invoice("I1", "2024-01-10", "2024-02-09", "1000", pay("2024-02-05", "600"), pay("2024-02-20", "400")),
				invoice("I5", "2024-02-01", "2024-03-02", "300", apply(ApplicationKind.WRITE_OFF, "2024-05-31", "300")),
				invoice("I2", "2024-03-05", "2024-04-04", "2000",
						apply(ApplicationKind.CREDIT_NOTE, "2024-03-20", "200"), pay("2024-04-04", "1800")),
				invoice("I3", "2024-04-10", "2024-05-10", "1500", apply(ApplicationKind.DISCOUNT, "2024-05-08", "30"),
						pay("2024-05-08", "1470")),
				invoice("I4", "2024-05-02", "2024-06-01", "3000", pay("2024-06-10", "1000"), pay("2024-07-15", "2000")),
				invoiceBooked("I6", "2024-06-25", "2024-07-25", "700", "2024-07-02", pay("2024-07-20", "700"))),
				List.of(limit("2024-01-01", "5000", "2024-01-01"), limit("2024-04-15", "8000", "2024-04-15"),
						limit("2024-06-20", "9000", "2024-07-03"), limit("2024-07-10", "12000", "2024-07-10")));
	}

	static PaymentHistory history(CustomerLedger ledger, LocalDate asOf) {
		HistoryResult r = LedgerHistory.derive(ledger, asOf, OPTIONS);
		assertThat(r.status()).isEqualTo(HistoryStatus.AVAILABLE);
		return r.history();
	}

	@Test
	void monthlyStatementsMatchHandComputedValues() {
		HistoryResult r = LedgerHistory.derive(customerL(), T, OPTIONS);
		assertThat(r.status()).isEqualTo(HistoryStatus.AVAILABLE);
		assertThat(r.months()).isEqualTo(6);
		assertThat(r.importedMonths()).isZero();
		assertThat(r.history().customerId()).isEqualTo("L");
		assertThat(r.history().segment()).isEqualTo("SME");
		assertThat(r.history().statements()).containsExactly(
				// Jun: I4 2,000 open 30 days past due; 1,000 paid; the 9,000 limit was
				// booked after T.
				new MonthlyStatement(8000, 2000, 1000, 1),
				// May: I3 closed on time (1,470 paid, the discount is no payment), I4
				// open, I5 written off 90 days late.
				new MonthlyStatement(8000, 3000, 1470, 3),
				// Apr: I2 paid on its due date, I3 open, I5 60 days late; 8,000 from
				// 04-15.
				new MonthlyStatement(8000, 1800, 1800, 2),
				// Mar: I2 open after its credit note (1,800), I5 30 days late.
				new MonthlyStatement(5000, 2100, 0, 1),
				// Feb: I1 paid in two parts, closed 11 days late; I5 open, not yet due.
				new MonthlyStatement(5000, 300, 1000, 1),
				// Jan: I1 open, not yet due.
				new MonthlyStatement(5000, 1000, 0, MonthlyStatement.CURRENT));
	}

	@Test
	void aBackDatedPaymentChangesLaterHistoriesButNeverAnEarlierOne() {
		// 2,000 on I4 dated 06-28 (in June) but booked on 07-20: the ledger learned of it
		// after T.
		CustomerLedger backDated = replace(customerL(), "I4", invoice("I4", "2024-05-02", "2024-06-01", "3000",
				pay("2024-06-10", "1000"), pay("2024-06-28", "2000", "2024-07-20")));
		assertThat(history(backDated, T)).isEqualTo(history(customerL(), T));
		assertThat(history(backDated, T).month(0)).isEqualTo(new MonthlyStatement(8000, 2000, 1000, 1));

		// As of 08-01 June is restated: I4 closed on 06-28 (27 days late), 3,000 paid; I6
		// and the 9,000 limit are
		// known by then.
		LocalDate august = d("2024-08-01");
		assertThat(history(backDated, august).month(1)).isEqualTo(new MonthlyStatement(9000, 700, 3000, 1));
		assertThat(history(customerL(), august).month(1)).isEqualTo(new MonthlyStatement(9000, 2700, 1000, 1));
		// The months before June do not move.
		assertThat(history(backDated, august).statements().subList(2, 7))
			.isEqualTo(history(customerL(), august).statements().subList(2, 7));
	}

	@Test
	void factsBookedOrDatedFromTheAsOfDateOnDoNotMoveTheHistory() {
		CustomerLedger base = customerL();
		CustomerLedger later = with(base, invoice("I7", "2024-07-01", "2024-07-31", "99999")); // issued
																								// on
																								// T
		later = with(later, invoiceBooked("I8", "2024-06-30", "2024-07-30", "5000", "2024-07-01")); // booked
																									// on
																									// T
		later = replace(later, "I4", invoice("I4", "2024-05-02", "2024-06-01", "3000", pay("2024-06-10", "1000"),
				apply(ApplicationKind.WRITE_OFF, "2024-07-20", "2000"))); // today's
																			// status:
																			// written off
		later = new CustomerLedger("L", "SME", "EUR", later.accountOpened(), later.invoices(),
				List.of(limit("2024-01-01", "5000", "2024-01-01"), limit("2024-04-15", "8000", "2024-04-15"),
						limit("2024-03-01", "1", "2024-07-01"), // back-dated limit booked
																// on T
						limit("2024-07-10", "50", "2024-07-10")));
		assertThat(history(later, T)).isEqualTo(history(base, T));
	}

	@Test
	void theDayStartsInTheConfiguredZone() {
		// Booked at 23:30 UTC on 06-30, which is already 07-01 in Berlin: known as of T
		// in UTC, not in Berlin.
		CustomerLedger l = with(customerL(), new LedgerInvoice("I9", d("2024-06-30"), d("2024-07-30"),
				LedgerFacts.amt("100"), Instant.parse("2024-06-30T23:30:00Z"), List.of()));
		assertThat(history(l, T).month(0).billed()).isEqualTo(2100);
		HistoryOptions berlin = OPTIONS.withZone(ZoneId.of("Europe/Berlin"));
		assertThat(LedgerHistory.derive(l, T, berlin).history().month(0).billed()).isEqualTo(2000);
	}

	@Test
	void fewerMonthsThanNeededIsAnExplicitInsufficientHistoryResult() {
		List<LedgerInvoice> invoices = List
			.of(invoice("J1", "2024-02-15", "2024-03-16", "100", pay("2024-03-10", "100")));
		CustomerLedger young = ledger("Y", "2024-02-10", invoices, List.of());
		HistoryResult r = LedgerHistory.derive(young, T, OPTIONS);
		assertThat(r.status()).isEqualTo(HistoryStatus.INSUFFICIENT_HISTORY);
		assertThat(r.history()).isNull();
		assertThat(r.months()).isEqualTo(5);
		assertThat(r.monthsNeeded()).isEqualTo(6);
		assertThat(r.explanation())
			.isEqualTo("only 5 months of payment history as of 2024-07-01; the model needs at least 6");
		// Opened on 01-31: January's end lies after it, so January counts (no activity;
		// no limit: the proxy).
		HistoryResult older = LedgerHistory.derive(ledger("Y", "2024-01-31", invoices, List.of()), T, OPTIONS);
		assertThat(older.status()).isEqualTo(HistoryStatus.AVAILABLE);
		assertThat(older.history().month(5)).isEqualTo(new MonthlyStatement(100, 0, 0, MonthlyStatement.NO_ACTIVITY));
		// A model that needs 9 months.
		HistoryOptions nine = new HistoryOptions(12, 9, ZoneOffset.UTC);
		assertThat(LedgerHistory.derive(customerL(), T, nine).status()).isEqualTo(HistoryStatus.INSUFFICIENT_HISTORY);
		// Nothing at all, and an account opened only after T.
		assertThat(LedgerHistory.derive(ledger("N", null, List.of(), List.of()), T, OPTIONS).months()).isZero();
		assertThat(LedgerHistory.derive(ledger("N", "2024-08-01", List.of(), List.of()), T, OPTIONS).months()).isZero();
	}

	@Test
	void historiesAreCappedAtTheLongestWanted() {
		CustomerLedger old = ledger("O", "2020-01-01", customerL().invoices(), customerL().limitChanges());
		assertThat(history(old, T).length()).isEqualTo(12);
		assertThat(LedgerHistory.derive(old, T, new HistoryOptions(8, 6, ZoneOffset.UTC)).months()).isEqualTo(8);
		assertThat(history(old, T).statements().subList(0, 6)).isEqualTo(history(customerL(), T).statements());
	}

	/**
	 * The same invoices, read by the invoice CSV path and as ledger facts, give the same
	 * statements.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "2024-07-01", "2024-09-15", "2025-01-01", "2025-03-01", "2025-07-01" })
	void theLedgerAndTheInvoiceCsvGiveTheSameStatementsForTheSameInvoices(String asOf) {
		List<Invoice> invoices = InvoiceCsv.read(Path.of("../training-data/samples/invoices-sample.csv"));
		LocalDate t = d(asOf);
		Map<String, PaymentHistory> viaCsv = new HashMap<>();
		InvoiceAggregator.histories(invoices, InvoiceAggregator.Options.defaults().withAsOf(t))
			.forEach(h -> viaCsv.put(h.customerId(), h));
		int compared = 0;
		for (CustomerLedger ledger : LedgerFacts.fromInvoiceCsv(invoices)) {
			HistoryResult r = LedgerHistory.derive(ledger, t, OPTIONS);
			PaymentHistory expected = viaCsv.get(ledger.customerId());
			if (expected == null) {
				assertThat(r.status()).as(ledger.customerId()).isEqualTo(HistoryStatus.INSUFFICIENT_HISTORY);
			}
			else {
				assertThat(r.history()).as(ledger.customerId()).isEqualTo(expected);
				compared++;
			}
		}
		assertThat(compared).isGreaterThan(200);
	}

	@Test
	void importedStatementsMustBelongToTheCustomer() {
		assertThatThrownBy(() -> LedgerHistory.derive(customerL(), ImportedMonths.none("other"), T, OPTIONS))
			.hasMessageContaining("cannot join the ledger of L");
	}

	@Test
	void factsAreValidated() {
		assertThatThrownBy(() -> invoice("X", "2024-01-10", "2024-01-09", "1"))
			.hasMessageContaining("before the issue");
		assertThatThrownBy(() -> invoice("X", "2024-01-10", "2024-02-09", "0")).hasMessageContaining("more than zero");
		assertThatThrownBy(() -> invoice("X", "2024-01-10", "2024-02-09", "5", pay("2024-01-09", "5")))
			.hasMessageContaining("before the issue date");
		assertThatThrownBy(() -> pay("2024-01-10", "-1")).hasMessageContaining("negative");
		assertThatThrownBy(() -> limit("2024-01-10", "-1", "2024-01-10")).hasMessageContaining("negative");
		assertThatThrownBy(() -> new CustomerLedger("C", "", "euro", null, List.of(), List.of()))
			.hasMessageContaining("ISO 4217");
		assertThatThrownBy(() -> new HistoryOptions(12, 5, ZoneOffset.UTC)).hasMessageContaining("minimum");
		assertThatThrownBy(() -> new HistoryOptions(13, 6, ZoneOffset.UTC)).hasMessageContaining("history months");
	}

	// ---- the label, observed on 2024-11-01: window (T, 2024-10-01], 60 days ----

	static final Instant OBSERVED = at("2024-11-01");

	static boolean label(LedgerInvoice extra) {
		return LedgerHistory.label(with(customerL(), extra), T, LabelRule.DEFAULT, OBSERVED, OPTIONS);
	}

	@Test
	void theLabelFollowsTheDefinitionOnLedgerFacts() {
		assertThat(LedgerHistory.label(customerL(), T, LabelRule.DEFAULT, OBSERVED, OPTIONS)).isFalse();
		// Unpaid and 60+ days past due inside the window; paid in part is still unpaid.
		assertThat(label(invoice("X", "2024-06-15", "2024-07-15", "100"))).isTrue();
		assertThat(label(invoice("X", "2024-06-15", "2024-07-15", "100", pay("2024-08-01", "99")))).isTrue();
		assertThat(label(invoice("X", "2024-06-15", "2024-07-15", "100", pay("2024-09-13", "100")))).isFalse();
		assertThat(label(invoice("X", "2024-06-15", "2024-07-15", "100", pay("2024-09-14", "100")))).isTrue();
		// Closed in the window with more than half written off; a credit note is no loss.
		assertThat(label(invoice("X", "2024-06-15", "2024-09-15", "100", pay("2024-08-01", "40"),
				apply(ApplicationKind.WRITE_OFF, "2024-08-20", "60"))))
			.isTrue();
		assertThat(label(invoice("X", "2024-06-15", "2024-09-15", "100", pay("2024-08-01", "50"),
				apply(ApplicationKind.WRITE_OFF, "2024-08-20", "50"))))
			.isFalse();
		assertThat(label(invoice("X", "2024-06-15", "2024-09-15", "100",
				apply(ApplicationKind.CREDIT_NOTE, "2024-08-20", "100"))))
			.isFalse();
	}

	@Test
	void theLabelKnowsOnlyWhatWasBookedWhenItIsObservedAndOnlyOnceTheWindowIsOver() {
		// Paid on time, but the payment was booked only after the observation: unpaid as
		// far as the label knows.
		LedgerInvoice late = invoice("X", "2024-06-15", "2024-07-15", "100", pay("2024-07-20", "100", "2024-11-05"));
		assertThat(label(late)).isTrue();
		assertThat(LedgerHistory.label(with(customerL(), late), T, LabelRule.DEFAULT, at("2024-11-06"), OPTIONS))
			.isFalse();
		// The window ends on 10-01: observing at 10-01 09:00 is too early.
		assertThatThrownBy(() -> LedgerHistory.label(customerL(), T, LabelRule.DEFAULT, at("2024-10-01"), OPTIONS))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("not over");
		assertThat(LedgerHistory.label(customerL(), T, LabelRule.DEFAULT,
				d("2024-10-02").atStartOfDay().toInstant(ZoneOffset.UTC), OPTIONS))
			.isFalse();
	}

}
