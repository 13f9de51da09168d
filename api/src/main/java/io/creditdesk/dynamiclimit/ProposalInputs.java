package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.common.Money;
import io.creditdesk.customer.Customer;
import io.creditdesk.dynamiclimit.CustomerFigures.Account;
import io.creditdesk.dynamiclimit.CustomerFigures.Behaviour;
import io.creditdesk.dynamiclimit.CustomerFigures.Score;
import io.creditdesk.dynamiclimit.CustomerFigures.Usage;
import io.creditdesk.fx.FxRateService;
import io.creditdesk.insight.ExposureWindow;
import io.creditdesk.insight.PaymentFigures;
import io.creditdesk.ledger.CreditAccountService;
import io.creditdesk.policy.CreditPolicyService;
import io.creditdesk.policy.EffectivePolicy;
import io.creditdesk.risk.CustomerLedgers;
import io.creditdesk.risk.CustomerScores;
import io.creditdesk.scoring.history.HistoryResult;
import io.creditdesk.scoring.ledger.CustomerLedger;
import io.creditdesk.scoring.ledger.HistoryOptions;
import io.creditdesk.scoring.ledger.LedgerHistory;
import io.creditdesk.scoring.ledger.LedgerInvoice;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Assembles the {@link CustomerFigures} of one customer from the service's own data, each
 * figure from the one place that already computes it:
 * <ul>
 * <li>the champion's score (grade, PD, the features that raised the risk most, the model
 * version) from {@link CustomerScores}; no score yet reads as insufficient history (no
 * automatic change);</li>
 * <li>months of history from the scores' own derivation ({@link LedgerHistory} over
 * {@link CustomerLedgers}, as of tomorrow like a live score), and monthly purchases from
 * the same ledger facts: invoiced amounts of the last (at most 12) months of the history
 * divided by those months;</li>
 * <li>on-time rate, average and worst days beyond terms and DSO (standard method, last 90
 * days) from {@link PaymentFigures}, the figures a credit limit request snapshots; terms
 * from the effective credit policy;</li>
 * <li>exposure, overdue and the oldest overdue from the ledger; the 90-day average and
 * peak utilization from the daily closing exposure ({@link ExposureWindow}) over the
 * current limit;</li>
 * <li>the hard cap from the effective credit policy, converted to the credit currency at
 * the stored rate when set in another.</li>
 * </ul>
 */
@Component
class ProposalInputs {

	private static final int PURCHASE_MONTHS = 12;

	private final ObjectProvider<CustomerScores> scores;

	private final CustomerLedgers ledgers;

	private final PaymentFigures payments;

	private final CreditAccountService accounts;

	private final ExposureWindow exposures;

	private final CreditPolicyService policies;

	private final FxRateService fx;

	ProposalInputs(ObjectProvider<CustomerScores> scores, CustomerLedgers ledgers, PaymentFigures payments,
			CreditAccountService accounts, ExposureWindow exposures, CreditPolicyService policies, FxRateService fx) {
		this.scores = scores;
		this.ledgers = ledgers;
		this.payments = payments;
		this.accounts = accounts;
		this.exposures = exposures;
		this.policies = policies;
		this.fx = fx;
	}

	/**
	 * The figures and the score they came from.
	 *
	 * @param modelVersion the version of the model that scored the customer; null without
	 * a score
	 */
	record Read(CustomerFigures figures, String modelVersion) {
	}

	Read read(Customer customer, LocalDate today) {
		return readAll(List.of(customer), today).get(customer.id());
	}

	/**
	 * The figures of a page of customers, keyed by id: scores, ledger facts, exposures
	 * and the 90-day window of all of them in one read each; the payment figures (bounded
	 * per customer) and the credit policy (cached) per customer.
	 */
	Map<String, Read> readAll(List<Customer> customers, LocalDate today) {
		List<String> ids = customers.stream().map(Customer::id).toList();
		CustomerScores scoring = this.scores.getIfAvailable();
		Map<String, CustomerScores.Current> scores = (scoring != null) ? scoring.current(ids) : Map.of();
		Map<String, CustomerLedgers.Facts> ledgers = this.ledgers.of(ids);
		// A customer without a ledger account yet is absent: nothing bought, nothing
		// owed.
		Map<String, CreditAccountService.Exposure> exposures = this.accounts.exposures(ids);
		Map<String, Money> nets = new HashMap<>();
		for (Customer customer : customers) {
			CreditAccountService.Exposure exposure = exposures.get(customer.id());
			nets.put(customer.id(), (exposure != null) ? exposure.net() : Money.zero(customer.creditCurrency()));
		}
		Map<String, ExposureWindow.Figures> windows = this.exposures.of(customers, nets);
		Map<String, Read> reads = new LinkedHashMap<>();
		for (Customer customer : customers) {
			reads.put(customer.id(),
					read(customer, today, Optional.ofNullable(scores.get(customer.id())),
							Optional.ofNullable(ledgers.get(customer.id())), exposures.get(customer.id()),
							windows.get(customer.id())));
		}
		return reads;
	}

	private Read read(Customer customer, LocalDate today, Optional<CustomerScores.Current> current,
			Optional<CustomerLedgers.Facts> facts, CreditAccountService.Exposure now, ExposureWindow.Figures window) {
		String currency = customer.creditCurrency();
		Score score = current.filter((c) -> !c.insufficientHistory() && c.grade() != null)
			.map((c) -> new Score(false, c.grade(), c.probabilityOfDefault(), c.riskReasons()))
			.orElse(Score.insufficient());

		EffectivePolicy credit = this.policies.effectiveFor(customer.policySubject());
		PaymentFigures.Summary paid = this.payments.of(customer);
		int months = 0;
		BigDecimal monthlyPurchases = BigDecimal.ZERO;
		if (facts.isPresent()) {
			HistoryResult history = LedgerHistory.derive(facts.get().ledger(), today.plusDays(1),
					HistoryOptions.defaults());
			months = history.months();
			monthlyPurchases = monthlyPurchases(facts.get().ledger(), today, Math.min(months, PURCHASE_MONTHS));
		}
		Behaviour behaviour = new Behaviour(monthlyPurchases, credit.paymentTerms().netDays(),
				(paid.onTimeRate() != null) ? paid.onTimeRate() : BigDecimal.ONE,
				(paid.averageDaysBeyondTerms() != null)
						? paid.averageDaysBeyondTerms().setScale(0, RoundingMode.HALF_UP).intValue() : 0,
				(paid.worstDaysBeyondTerms() != null) ? paid.worstDaysBeyondTerms() : 0,
				(paid.dso() != null) ? paid.dso() : BigDecimal.ZERO, months);

		BigDecimal limit = customer.creditLimit().amount().amount();
		Money exposure = (now != null) ? now.net() : Money.zero(currency);
		Money overdue = (now != null) ? now.overdue() : Money.zero(currency);
		int oldestOverdueDays = (now != null) ? now.oldestOverdueDays() : 0;
		Usage usage = new Usage(exposure.amount(), share(window.average().amount(), limit),
				share(window.peak().amount(), limit), overdue.amount(), oldestOverdueDays, !customer.flags().isEmpty());

		BigDecimal hardCap = (credit.hardCap() != null)
				? this.fx.convertStored(credit.hardCap(), currency, today, "hardCap").converted().amount() : null;
		LocalDate lastChange = (customer.creditLimit().approvedAt() != null)
				? LocalDate.ofInstant(customer.creditLimit().approvedAt(), ZoneOffset.UTC) : null;
		Account account = new Account(currency, limit, hardCap, lastChange, today, customer.status());
		return new Read(new CustomerFigures(score, behaviour, usage, account),
				current.map(CustomerScores.Current::modelVersion).orElse(null));
	}

	/**
	 * Invoiced amounts of the last {@code months} months up to {@code today} (issued
	 * after the same day {@code months} months ago), per month; zero without months.
	 */
	static BigDecimal monthlyPurchases(CustomerLedger ledger, LocalDate today, int months) {
		if (months <= 0) {
			return BigDecimal.ZERO;
		}
		LocalDate from = today.minusMonths(months);
		BigDecimal invoiced = BigDecimal.ZERO;
		for (LedgerInvoice invoice : ledger.invoices()) {
			if (invoice.issueDate().isAfter(from) && !invoice.issueDate().isAfter(today)) {
				invoiced = invoiced.add(invoice.amount());
			}
		}
		return invoiced.divide(BigDecimal.valueOf(months), 2, RoundingMode.HALF_EVEN);
	}

	private static BigDecimal share(BigDecimal part, BigDecimal whole) {
		if (whole.signum() <= 0) {
			return (part.signum() > 0) ? BigDecimal.ONE : BigDecimal.ZERO;
		}
		return part.divide(whole, 4, RoundingMode.HALF_EVEN);
	}

}
