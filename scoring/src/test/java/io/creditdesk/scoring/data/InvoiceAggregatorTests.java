package io.creditdesk.scoring.data;

import io.creditdesk.scoring.history.LabeledHistory;
import io.creditdesk.scoring.history.MonthlyStatement;
import io.creditdesk.scoring.history.PaymentHistory;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Aggregation to monthly statements against hand-computed values, the leakage rules
 * (changing what is only known after T must not move a history) and the label definition.
 */
class InvoiceAggregatorTests {

	static final LocalDate T = LocalDate.of(2024, 7, 1);
	static final InvoiceAggregator.Options AS_OF_T = InvoiceAggregator.Options.defaults().withAsOf(T);

	static LocalDate d(String iso) {
		return LocalDate.parse(iso);
	}

	static Invoice inv(String customer, String issued, String due, double amount, String settled, double paid) {
		return new Invoice(customer, "", d(issued), d(due), amount, settled == null ? null : d(settled), paid, "SME",
				5000, false);
	}

	/**
	 * Customer A, as of 2024-07-01 (months: Jun = month 1 ... Jan = month 6): I1 paid on
	 * time in February, nothing in March, I2 issued in April and paid 51 days late in
	 * June, I3 and I4 open and not yet due as of T (both are paid on time after T, which
	 * T cannot know).
	 */
	static List<Invoice> customerA() {
		return List.of(inv("A", "2024-01-10", "2024-02-09", 1000, "2024-02-05", 1000),
				inv("A", "2024-04-05", "2024-05-05", 500, "2024-06-25", 500),
				inv("A", "2024-06-03", "2024-07-03", 800, "2024-07-20", 800),
				inv("A", "2024-06-20", "2024-07-20", 300, "2024-07-05", 300));
	}

	@Test
	void monthlyStatementsMatchHandComputedValues() {
		List<PaymentHistory> histories = InvoiceAggregator.histories(customerA(), AS_OF_T);
		assertThat(histories).hasSize(1);
		PaymentHistory h = histories.get(0);
		assertThat(h.customerId()).isEqualTo("A");
		assertThat(h.segment()).isEqualTo("SME");
		// Jun: I2 paid on day 51 past due (bucket 2); I3 open, not due; I4 open because
		// its settlement is after T. May: I2 open 27 days past due at the month end. Apr:
		// I2 open, not yet due. Mar: nothing happened. Feb: I1 paid on time and nothing
		// open. Jan: I1 issued, open, not yet due.
		assertThat(h.statements()).containsExactly(new MonthlyStatement(5000, 1100, 500, 2),
				new MonthlyStatement(5000, 500, 0, 1), new MonthlyStatement(5000, 500, 0, MonthlyStatement.CURRENT),
				new MonthlyStatement(5000, 0, 0, MonthlyStatement.NO_ACTIVITY),
				new MonthlyStatement(5000, 0, 1000, MonthlyStatement.PAID_IN_FULL),
				new MonthlyStatement(5000, 1000, 0, MonthlyStatement.CURRENT));
	}

	@Test
	void delayIsTheMostDaysPastDueReachedInTheMonthCappedAtNine() {
		List<Invoice> invoices = new ArrayList<>(customerA());
		// Due 2023-06-01 and never paid: 396 days past due at the end of June 2024.
		invoices.add(inv("A", "2023-05-02", "2023-06-01", 50, null, 0));
		PaymentHistory h = InvoiceAggregator.histories(invoices, AS_OF_T).get(0);
		assertThat(h.month(0).delayStatus()).isEqualTo(MonthlyStatement.MAX_DELAY);
		// October 2023 ends 153 days after the due date: ceil(153 / 30) = 6.
		assertThat(h.month(8).delayStatus()).isEqualTo(6);
		assertThat(h.month(0).billed()).isEqualTo(1150);
	}

	@Test
	void historyLengthCountsMonthsFromTheFirstInvoiceCappedByTheOptions() {
		List<Invoice> invoices = new ArrayList<>(customerA());
		invoices.add(inv("A", "2023-10-15", "2023-11-14", 10, "2023-11-01", 10));
		assertThat(InvoiceAggregator.histories(invoices, AS_OF_T).get(0).length()).isEqualTo(9);
		invoices.add(inv("A", "2022-01-15", "2022-02-14", 10, "2022-02-01", 10));
		assertThat(InvoiceAggregator.histories(invoices, AS_OF_T).get(0).length()).isEqualTo(12);
		var eight = new InvoiceAggregator.Options(T, 8, 3, 60);
		assertThat(InvoiceAggregator.histories(invoices, eight).get(0).length()).isEqualTo(8);
	}

	@Test
	void customersWithLessThanSixMonthsBeforeTheAsOfDateAreLeftOut() {
		List<Invoice> invoices = new ArrayList<>(customerA());
		invoices.add(inv("B", "2024-02-01", "2024-03-02", 100, null, 0)); // February: 5
																			// months
																			// before T
		invoices.add(inv("C", "2024-07-02", "2024-08-01", 100, null, 0)); // only after T
		assertThat(InvoiceAggregator.histories(invoices, AS_OF_T)).extracting(PaymentHistory::customerId)
			.containsExactly("A");
		invoices.add(inv("B", "2024-01-31", "2024-03-01", 100, null, 0)); // now reaching
																			// into
																			// January
		assertThat(InvoiceAggregator.histories(invoices, AS_OF_T)).extracting(PaymentHistory::customerId)
			.containsExactly("A", "B");
	}

	@Test
	void aSettlementAfterTheAsOfDateIsInvisible() {
		List<Invoice> settledLater = customerA();
		List<Invoice> stillOpen = replace(settledLater, 3, inv("A", "2024-06-20", "2024-07-20", 300, null, 0));
		List<Invoice> settledOnT = replace(settledLater, 3,
				inv("A", "2024-06-20", "2024-07-20", 300, "2024-07-01", 300));
		List<Invoice> settledBeforeT = replace(settledLater, 3,
				inv("A", "2024-06-20", "2024-07-20", 300, "2024-06-30", 300));
		PaymentHistory expected = InvoiceAggregator.histories(settledLater, AS_OF_T).get(0);
		assertThat(InvoiceAggregator.histories(stillOpen, AS_OF_T).get(0)).isEqualTo(expected);
		assertThat(InvoiceAggregator.histories(settledOnT, AS_OF_T).get(0)).isEqualTo(expected);
		// The control: a settlement before T is known and does change June.
		PaymentHistory known = InvoiceAggregator.histories(settledBeforeT, AS_OF_T).get(0);
		assertThat(known.month(0)).isEqualTo(new MonthlyStatement(5000, 800, 800, 2));
	}

	@Test
	void theFutureAndFactsKnownOnlyAfterSettlementDoNotMoveHistories() {
		List<Invoice> base = customerA();
		List<Invoice> changed = new ArrayList<>();
		for (Invoice i : base) {
			boolean settledAfterT = i.settledDate() != null && !i.settledDate().isBefore(T);
			// Disputes are only known afterwards; paid amounts and dates of later
			// settlements are the future.
			changed.add(new Invoice(i.customerId(), "X-" + i.invoiceId(), i.invoiceDate(), i.dueDate(), i.amount(),
					settledAfterT ? d("2025-01-31") : i.settledDate(), settledAfterT ? 1 : i.paidAmount(), i.segment(),
					i.creditLimit(), !i.disputed()));
		}
		changed.add(inv("A", "2024-07-01", "2024-07-31", 99_999, null, 0)); // issued on
																			// T: not yet
																			// known
		changed.add(new Invoice("A", "", d("2024-08-01"), d("2024-08-31"), 10, null, 0, "SME", 90_000, true));
		assertThat(InvoiceAggregator.histories(changed, AS_OF_T)).isEqualTo(InvoiceAggregator.histories(base, AS_OF_T));
	}

	@Test
	void creditLimitIsTheOneInForceAtEachMonthEndOrElseTheHighestMonthEndBalance() {
		List<Invoice> invoices = new ArrayList<>(customerA());
		invoices.add(new Invoice("A", "", d("2024-06-25"), d("2024-07-25"), 0, d("2024-06-25"), 0, "SME", 7000, false));
		invoices.add(new Invoice("A", "", d("2024-07-05"), d("2024-08-05"), 10, null, 0, "SME", 9000, false)); // after
																												// T
		PaymentHistory h = InvoiceAggregator.histories(invoices, AS_OF_T).get(0);
		// Raised to 7,000 in June: June has it, and the months before keep the 5,000 in
		// force then.
		assertThat(h.statements()).extracting(MonthlyStatement::creditLimit)
			.containsExactly(7000.0, 5000.0, 5000.0, 5000.0, 5000.0, 5000.0);
		List<Invoice> noLimits = customerA().stream()
			.map(i -> new Invoice(i.customerId(), i.invoiceId(), i.invoiceDate(), i.dueDate(), i.amount(),
					i.settledDate(), i.paidAmount(), "", Double.NaN, false))
			.toList();
		PaymentHistory proxied = InvoiceAggregator.histories(noLimits, AS_OF_T).get(0);
		assertThat(proxied.statements()).allSatisfy(s -> assertThat(s.creditLimit()).isEqualTo(1100)); // June's
																										// balance
		assertThat(proxied.segment()).isEmpty();
	}

	// ---- the label: window (T, T + 3 months] = up to 2024-10-01, 60 days past due ----

	static boolean label(Invoice... extra) {
		List<Invoice> invoices = new ArrayList<>(customerA());
		invoices.addAll(List.of(extra));
		List<LabeledHistory> l = InvoiceAggregator.labeled(invoices, AS_OF_T);
		assertThat(l).hasSize(1);
		return l.get(0).defaulted();
	}

	@Test
	void payingCustomerIsLabelledZero() {
		assertThat(label()).isFalse();
	}

	@Test
	void anInvoiceThatBecomesSeriouslyLateInTheWindowWhileUnpaidIsALabel() {
		assertThat(label(inv("A", "2024-06-15", "2024-07-15", 100, null, 0))).isTrue();
		assertThat(label(inv("A", "2024-06-15", "2024-07-15", 100, "2024-09-14", 100))).isTrue(); // 61
																									// days
		assertThat(label(inv("A", "2024-06-15", "2024-07-15", 100, "2024-09-13", 100))).isFalse(); // paid
																									// at
																									// 60
		assertThat(label(inv("A", "2024-06-15", "2024-07-15", 100, "2024-09-12", 100))).isFalse();
		// The window's last day counts as the statements count it: due 2024-08-02 is 60
		// days late on 2024-10-01.
		assertThat(label(inv("A", "2024-06-15", "2024-08-02", 100, null, 0))).isTrue();
		assertThat(label(inv("A", "2024-06-15", "2024-08-03", 100, null, 0))).isFalse();
	}

	@Test
	void anInvoiceAlreadySeriouslyLateAtTheAsOfDateCountsWhileItStaysUnpaid() {
		assertThat(label(inv("A", "2024-02-01", "2024-03-02", 100, null, 0))).isTrue();
		assertThat(label(inv("A", "2024-02-01", "2024-03-02", 100, "2024-07-02", 100))).isTrue();
		assertThat(label(inv("A", "2024-02-01", "2024-03-02", 100, "2024-07-01", 100))).isFalse(); // paid
																									// on
																									// T
		assertThat(label(inv("A", "2024-02-01", "2024-03-02", 100, "2024-06-30", 100))).isFalse(); // history
																									// only
	}

	@Test
	void aWriteOffInTheWindowIsALabel() {
		assertThat(label(inv("A", "2024-06-15", "2024-07-15", 100, "2024-08-15", 49.99))).isTrue();
		assertThat(label(inv("A", "2024-06-15", "2024-07-15", 100, "2024-08-15", 50))).isFalse();
		assertThat(label(inv("A", "2024-05-15", "2024-06-14", 100, "2024-06-20", 10))).isFalse(); // before
																									// T
		assertThat(label(inv("A", "2024-05-15", "2024-06-14", 100, "2024-07-01", 10))).isFalse(); // on
																									// T
		assertThat(label(inv("A", "2024-06-15", "2024-09-01", 100, "2024-10-01", 10))).isTrue(); // last
																									// day
		assertThat(label(inv("A", "2024-07-15", "2024-08-14", 100, "2024-10-02", 10))).isFalse(); // after
																									// it
	}

	@Test
	void seriousDaysAndHorizonFollowTheOptions() {
		List<Invoice> invoices = new ArrayList<>(customerA());
		invoices.add(inv("A", "2024-06-15", "2024-07-15", 100, "2024-08-10", 100)); // 26
																					// days
																					// late
		assertThat(InvoiceAggregator.labeled(invoices, AS_OF_T).get(0).defaulted()).isFalse();
		assertThat(InvoiceAggregator.labeled(invoices, new InvoiceAggregator.Options(T, 12, 3, 20)).get(0).defaulted())
			.isTrue();
		invoices.add(inv("A", "2024-06-15", "2024-09-01", 100, null, 0)); // 60 days late
																			// on
																			// 2024-10-31
		assertThat(InvoiceAggregator.labeled(invoices, AS_OF_T).get(0).defaulted()).isFalse();
		assertThat(InvoiceAggregator.labeled(invoices, new InvoiceAggregator.Options(T, 12, 4, 60)).get(0).defaulted())
			.isTrue();
	}

	@Test
	void theLabelDoesNotChangeTheHistory() {
		List<Invoice> invoices = new ArrayList<>(customerA());
		invoices.add(inv("A", "2024-06-15", "2024-07-15", 100, null, 0));
		List<LabeledHistory> labelled = InvoiceAggregator.labeled(invoices, AS_OF_T);
		assertThat(labelled.get(0).defaulted()).isTrue();
		List<Invoice> paying = new ArrayList<>(customerA());
		paying.add(inv("A", "2024-06-15", "2024-07-15", 100, "2024-07-10", 100));
		assertThat(InvoiceAggregator.labeled(paying, AS_OF_T).get(0).history()).isEqualTo(labelled.get(0).history());
	}

	@Test
	void defaultAsOfDatesLeaveTheOutcomeWindowInsideTheDataForTrainingAndUseEverythingForScoring() {
		List<Invoice> invoices = new ArrayList<>(customerA());
		invoices.add(inv("A", "2024-09-17", "2024-10-17", 10, null, 0));
		invoices.add(inv("A", "2023-11-10", "2023-12-10", 10, "2023-12-01", 10)); // 7
																					// months
																					// before
																					// 2024-06-01
		assertThat(InvoiceAggregator.trainingAsOf(invoices, 3)).isEqualTo(d("2024-06-01"));
		assertThat(InvoiceAggregator.scoringAsOf(invoices)).isEqualTo(d("2024-10-01"));
		var none = InvoiceAggregator.Options.defaults();
		assertThat(InvoiceAggregator.labeled(invoices, none)).hasSize(1);
		assertThat(InvoiceAggregator.labeled(invoices, none))
			.isEqualTo(InvoiceAggregator.labeled(invoices, none.withAsOf(d("2024-06-01"))));
		assertThat(InvoiceAggregator.histories(invoices, none))
			.isEqualTo(InvoiceAggregator.histories(invoices, none.withAsOf(d("2024-10-01"))));
		assertThatThrownBy(() -> InvoiceAggregator.labeled(List.of(), none))
			.isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void optionsAreValidated() {
		assertThat(InvoiceAggregator.Options.defaults()).isEqualTo(new InvoiceAggregator.Options(null, 12, 3, 60));
		assertThatThrownBy(() -> new InvoiceAggregator.Options(T, 5, 3, 60)).hasMessageContaining("history months");
		assertThatThrownBy(() -> new InvoiceAggregator.Options(T, 13, 3, 60)).hasMessageContaining("history months");
		assertThatThrownBy(() -> new InvoiceAggregator.Options(T, 12, 0, 60)).hasMessageContaining("horizon");
		assertThatThrownBy(() -> new InvoiceAggregator.Options(T, 12, 3, 0)).hasMessageContaining("serious");
	}

	private static List<Invoice> replace(List<Invoice> list, int index, Invoice with) {
		List<Invoice> copy = new ArrayList<>(list);
		copy.set(index, with);
		return copy;
	}

}
