package io.creditdesk.limitrequest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.customer.RiskFlag;
import io.creditdesk.customer.RiskFlagType;
import io.creditdesk.fx.Conversion;
import io.creditdesk.fx.FxRateService;
import io.creditdesk.insight.PaymentFigures;
import io.creditdesk.ledger.CreditAccountService;
import io.creditdesk.ledger.CreditAccountService.Exposure;
import io.creditdesk.limitrequest.AnalysisSnapshot.PaymentRecord;
import io.creditdesk.limitrequest.CreditLimitRequest.Snapshot;
import io.creditdesk.policy.CreditPolicyService;
import io.creditdesk.policy.EffectivePolicy;
import io.creditdesk.risk.CustomerScores;
import io.creditdesk.scoring.model.RiskGrade;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Takes the figures a request is analysed on: limit, exposure, utilization, overdue, DSO,
 * the payment history summary, hard cap, verification, and grade and probability of
 * default when the customer has a score. Scores are read only through
 * {@link CustomerScores}; while no implementation is deployed, or the customer has none,
 * the snapshot says "no score" (grade null) and the pre-analysis treats it explicitly.
 */
@Component
class Snapshots {

	private final CreditAccountService accounts;

	private final PaymentFigures payments;

	private final CreditPolicyService policies;

	private final FxRateService fx;

	private final ObjectProvider<CustomerScores> scores;

	private final Verifications verifications;

	Snapshots(CreditAccountService accounts, PaymentFigures payments, CreditPolicyService policies, FxRateService fx,
			ObjectProvider<CustomerScores> scores, Verifications verifications) {
		this.accounts = accounts;
		this.payments = payments;
		this.policies = policies;
		this.fx = fx;
		this.scores = scores;
		this.verifications = verifications;
	}

	/** The customer's score, or empty when there is none (or no scoring deployed). */
	Optional<CustomerScores.Current> score(String customerId) {
		CustomerScores available = this.scores.getIfAvailable();
		if (available == null) {
			return Optional.empty();
		}
		return available.current(customerId).filter((s) -> !s.insufficientHistory() && s.grade() != null);
	}

	Snapshot take(Customer customer, Money requested, String matrixCurrency, LocalDate today) {
		Exposure exposure = this.accounts.exposure(customer.id());
		PaymentFigures.Summary payments = this.payments.of(customer);
		EffectivePolicy policy = this.policies.effectiveFor(customer.policySubject());
		Money capAsSet = policy.hardCap();
		Conversion cap = hardCap(capAsSet, customer.creditCurrency(), today);
		Optional<CustomerScores.Current> score = score(customer.id());
		Conversion converted = this.fx.convertStored(requested, matrixCurrency, today, "requestedLimit.currency");
		Money current = (customer.creditLimit() != null) ? customer.creditLimit().amount() : null;
		BigDecimal utilization = (current != null && current.amount().signum() > 0)
				? exposure.net().amount().divide(current.amount(), 4, RoundingMode.HALF_UP) : null;
		PaymentRecord history = new PaymentRecord(payments.settledInvoices(), payments.onTimeRate(),
				payments.averageDaysBeyondTerms(), payments.worstDaysBeyondTerms());
		return new Snapshot(current, (customer.creditLimit() != null) ? customer.creditLimit().approvedAt() : null,
				(customer.creditLimit() != null) ? customer.creditLimit().validUntil() : null, customer.status(),
				exposure.net(), utilization, exposure.overdue(), exposure.oldestOverdueDays(), payments.dso(), history,
				(cap != null) ? cap.converted() : null, score.map(CustomerScores.Current::grade).orElse(null),
				score.map(CustomerScores.Current::probabilityOfDefault)
					.map((pd) -> BigDecimal.valueOf(pd).setScale(4, RoundingMode.HALF_UP))
					.orElse(null),
				score.map(CustomerScores.Current::modelVersion).orElse(null), converted.converted(), converted.rate(),
				this.verifications.of(customer), capAsSet,
				(cap != null && capAsSet != null && !capAsSet.currency().equals(customer.creditCurrency())) ? cap.rate()
						: null);
	}

	/** The hard cap in the credit currency with the rate used; null without a rate. */
	private Conversion hardCap(Money cap, String currency, LocalDate today) {
		if (cap == null) {
			return null;
		}
		try {
			return this.fx.convertStored(cap, currency, today, "hardCap");
		}
		catch (CreditDeskException ex) {
			// Without a rate the cap cannot be compared here (the exposure read above
			// refuses first, FX_RATE_MISSING, as the limit's own rule does).
			return null;
		}
	}

	/** What the pre-analysis looks at. */
	static AnalysisSnapshot analysisInput(CreditLimitRequest.Snapshot s, Customer customer, RequestType type,
			Money requested, Money annualRevenue) {
		Set<RiskFlagType> flags = customer.flags().stream().map(RiskFlag::type).collect(Collectors.toSet());
		CustomerStatus status = customer.status();
		RiskGrade grade = s.grade();
		return new AnalysisSnapshot(type, requested, s.requestedInMatrixCurrency(), s.currentLimit(), status, flags,
				s.hardCap(), (s.overdue() != null) ? s.overdue() : Money.zero(requested.currency()),
				s.oldestOverdueDays(), annualRevenue, (s.history().settledInvoices() > 0) ? s.history() : null,
				s.verification(), grade, s.probabilityOfDefault(), s.hardCapAsSet(), s.hardCapRate());
	}

}
