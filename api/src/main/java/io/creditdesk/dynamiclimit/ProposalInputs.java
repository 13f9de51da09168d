package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Optional;

import io.creditdesk.common.CreditDeskException;
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
		String currency = customer.creditCurrency();
		Optional<CustomerScores.Current> current = Optional.ofNullable(this.scores.getIfAvailable())
			.flatMap((s) -> s.current(customer.id()));
		Score score = current.filter((c) -> !c.insufficientHistory() && c.grade() != null)
			.map((c) -> new Score(false, c.grade(), c.probabilityOfDefault(), c.riskReasons()))
			.orElse(Score.insufficient());

		EffectivePolicy credit = this.policies.effectiveFor(customer.policySubject());
		PaymentFigures.Summary paid = this.payments.of(customer);
		Optional<CustomerLedgers.Facts> facts = this.ledgers.of(customer.id());
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
		Money exposure = Money.zero(currency);
		Money overdue = Money.zero(currency);
		int oldestOverdueDays = 0;
		try {
			CreditAccountService.Exposure now = this.accounts.exposure(customer.id());
			exposure = now.net();
			overdue = now.overdue();
			oldestOverdueDays = now.oldestOverdueDays();
		}
		catch (CreditDeskException ex) {
			// No ledger account yet: nothing bought, nothing owed.
		}
		ExposureWindow.Figures window = this.exposures.of(customer, exposure);
		Usage usage = new Usage(exposure.amount(), share(window.average().amount(), limit),
				share(window.peak().amount(), limit), overdue.amount(), oldestOverdueDays, !customer.flags().isEmpty());

		BigDecimal hardCap = (credit.hardCap() != null)
				? this.fx.convertStored(credit.hardCap(), currency, today, "hardCap").converted().amount() : null;
		LocalDate lastChange = (customer.creditLimit().approvedAt() != null)
				? LocalDate.ofInstant(customer.creditLimit().approvedAt(), ZoneOffset.UTC) : null;
		Account account = new Account(currency, limit, hardCap, lastChange, today);
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
