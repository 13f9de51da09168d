package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.creditdesk.dynamiclimit.CustomerFigures.Score;
import io.creditdesk.dynamiclimit.ReplayCustomer.ActualLimit;
import io.creditdesk.dynamiclimit.ReplayCustomer.MonthFigures;
import io.creditdesk.dynamiclimit.ReplayCustomer.Reduction;
import io.creditdesk.dynamiclimit.ReplayCustomer.Sale;
import io.creditdesk.risk.CustomerLedgers.Facts;
import io.creditdesk.scoring.history.HistoryResult;
import io.creditdesk.scoring.ledger.Application;
import io.creditdesk.scoring.ledger.ApplicationKind;
import io.creditdesk.scoring.ledger.CustomerLedger;
import io.creditdesk.scoring.ledger.HistoryOptions;
import io.creditdesk.scoring.ledger.LedgerHistory;
import io.creditdesk.scoring.ledger.LedgerInvoice;
import io.creditdesk.scoring.ledger.LimitChange;
import io.creditdesk.scoring.model.CustomerScore;
import io.creditdesk.scoring.model.ReasonCode;
import io.creditdesk.scoring.model.ScoreStatus;
import io.creditdesk.scoring.model.ScoringModel;

/**
 * Turns one customer's ledger facts ({@code risk}'s {@code CustomerLedgers}, the port
 * live scores and training read) into what the replay reads. Spring-free.
 * <ul>
 * <li>Each month's history is derived as of the month's first day by the {@code scoring}
 * module's {@link LedgerHistory}, exactly as scores are: only what was booked before that
 * day, imported statements joined.</li>
 * <li>PD, grade and reasons are <b>recomputed with the champion</b> on that history, not
 * read from the stored score history: score history points exist only since the service
 * scored the customer, and only when a score moved, while the ledger's history (imports,
 * migrations) reaches further back; holding the model fixed also means the replay
 * compares policies, not models.</li>
 * <li>Sales are the invoices with everything applied to them as known now: the outcome
 * (paid, written off) is what the replay measures.</li>
 * </ul>
 */
public final class ReplayCustomers {

	private ReplayCustomers() {
	}

	/**
	 * The customer as the replay of {@code from} to {@code to} reads it.
	 * @param hardCap the effective hard cap in the credit currency, or null
	 */
	public static ReplayCustomer of(Facts facts, ScoringModel champion, BigDecimal hardCap, YearMonth from,
			YearMonth to, HistoryOptions options) {
		CustomerLedger ledger = facts.ledger();
		List<Sale> sales = new ArrayList<>(ledger.invoices().size());
		for (LedgerInvoice invoice : ledger.invoices()) {
			List<Reduction> reductions = new ArrayList<>(invoice.applications().size());
			for (Application a : invoice.applications()) {
				reductions.add(new Reduction(a.date(), a.amount(), a.kind() == ApplicationKind.WRITE_OFF));
			}
			sales.add(new Sale(invoice.id(), invoice.issueDate(), invoice.dueDate(), invoice.amount(), reductions));
		}
		List<LimitChange> byBooking = new ArrayList<>(ledger.limitChanges());
		byBooking.sort(Comparator.comparing(LimitChange::bookedAt));
		List<ActualLimit> limits = byBooking.stream().map(c -> new ActualLimit(c.effectiveDate(), c.amount())).toList();
		List<YearMonth> months = new ArrayList<>();
		List<HistoryResult> histories = new ArrayList<>();
		for (YearMonth m = from; !m.isAfter(to); m = m.plusMonths(1)) {
			LocalDate asOf = m.atDay(1);
			months.add(m);
			histories.add(facts.imported().isEmpty() ? LedgerHistory.derive(ledger, asOf, options)
					: LedgerHistory.derive(ledger, facts.imported(), asOf, options));
		}
		// One batch a customer: the model scores every month in one call.
		List<CustomerScore> scores = champion.scoreHistories(histories);
		Map<YearMonth, MonthFigures> figures = new HashMap<>();
		for (int i = 0; i < months.size(); i++) {
			CustomerScore score = scores.get(i);
			if (score.status() != ScoreStatus.SCORED) {
				continue;
			}
			LocalDate asOf = months.get(i).atDay(1);
			Score replayed = new Score(false, score.score().grade(), score.score().probability(),
					score.score().reasons().stream().map(ReasonCode::feature).toList());
			figures.put(months.get(i), new MonthFigures(replayed,
					ReplayFigures.behaviour(histories.get(i).history(), ReplayFigures.termsDays(sales, asOf))));
		}
		return new ReplayCustomer(ledger.customerId(), ledger.currency(), hardCap, limits, sales, figures);
	}

}
