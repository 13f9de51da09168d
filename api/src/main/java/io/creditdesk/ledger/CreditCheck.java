package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.creditdesk.common.Money;
import io.creditdesk.customer.RiskFlag;
import io.creditdesk.customer.RiskFlagType;
import io.creditdesk.policy.EffectivePolicy;

/**
 * The rules of the order credit check, decided on one consistent reading of the account, in
 * this order: reasons to reject (status, risk flags, hard cap), then reasons to hold for Finance
 * (policy hold rules). When neither applies the caller attempts the atomic reservation, which
 * alone decides between approval and a hold for insufficient available credit.
 */
final class CreditCheck {

	/** Holds that a payment, cancellation or limit increase can lift by itself. */
	static final List<CreditReasonCode> CREDIT_HOLDS = List.of(CreditReasonCode.EXCEEDS_AVAILABLE_CREDIT,
			CreditReasonCode.EXCEEDS_GROUP_AVAILABLE_CREDIT);

	private CreditCheck() {
	}

	/** What the ledger knows of overdue receivables, after grace days. */
	record Overdue(BigDecimal amount, int oldestDays) {
		static final Overdue NONE = new Overdue(BigDecimal.ZERO, 0);
	}

	/** The verdict before any reservation: reject, hold, or try to reserve. */
	record Verdict(DecisionStatus status, List<CreditReasonCode> reasons) {
		boolean tryReserve() {
			return this.status == null;
		}
	}

	/**
	 * @param amount the amount to check (an order, or the increase of an amendment)
	 * @param orderTotal the order's total after the change, for the maximum order value
	 * @param hardCap the effective hard cap in the credit currency, or null
	 */
	static Verdict evaluate(CreditAccount account, EffectivePolicy policy, SecuredTerms secured, Overdue overdue,
			BigDecimal amount, BigDecimal orderTotal, Money hardCap, LocalDate today) {
		List<CreditReasonCode> reject = new ArrayList<>(rejections(account));
		if (hardCap != null) {
			BigDecimal net = ExposureFormula.net(account.exposure(), secured);
			if (net.add(amount).compareTo(hardCap.amount()) > 0) {
				reject.add(CreditReasonCode.OVER_HARD_CAP);
			}
		}
		if (!reject.isEmpty()) {
			return new Verdict(DecisionStatus.REJECTED, List.copyOf(reject));
		}
		List<CreditReasonCode> hold = new ArrayList<>();
		if (policy.maxOrderAmount() != null && policy.maxOrderAmount().currency().equals(account.creditCurrency())
				&& orderTotal.compareTo(policy.maxOrderAmount().amount()) > 0) {
			hold.add(CreditReasonCode.ORDER_ABOVE_MAX_VALUE);
		}
		if (policy.maxOverdueAmount() != null && policy.maxOverdueAmount().currency().equals(account.creditCurrency())
				&& overdue.amount().compareTo(policy.maxOverdueAmount().amount()) > 0) {
			hold.add(CreditReasonCode.OVERDUE_ABOVE_THRESHOLD);
		}
		if (policy.maxOverdueDays() != null && overdue.amount().signum() > 0 && overdue.oldestDays() > policy.maxOverdueDays()) {
			hold.add(CreditReasonCode.OVERDUE_TOO_OLD);
		}
		if (account.creditLimit() != null && account.creditLimit().validUntil() != null
				&& account.creditLimit().validUntil().isBefore(today)) {
			hold.add(CreditReasonCode.LIMIT_EXPIRED);
		}
		if (!hold.isEmpty()) {
			return new Verdict(DecisionStatus.PENDING_APPROVAL, List.copyOf(hold));
		}
		return new Verdict(null, List.of());
	}

	/** Why the customer may not buy on credit at all right now; empty when it may. */
	static List<CreditReasonCode> rejections(CreditAccount account) {
		List<CreditReasonCode> reasons = new ArrayList<>();
		switch (account.status()) {
			case ACTIVE -> {
			}
			case PENDING_VERIFICATION -> reasons.add(CreditReasonCode.CUSTOMER_NOT_VERIFIED);
			case ON_HOLD -> reasons.add(CreditReasonCode.CUSTOMER_ON_HOLD);
			case SUSPENDED -> reasons.add(CreditReasonCode.CUSTOMER_SUSPENDED);
			case CLOSED -> reasons.add(CreditReasonCode.CUSTOMER_CLOSED);
		}
		for (RiskFlag flag : account.flags()) {
			reasons.add((flag.type() == RiskFlagType.BUREAU) ? CreditReasonCode.BUREAU_FLAG : CreditReasonCode.FRAUD_FLAG);
		}
		if (account.status() == io.creditdesk.customer.CustomerStatus.ACTIVE && account.creditLimit() == null) {
			reasons.add(CreditReasonCode.NO_CREDIT_LIMIT);
		}
		return reasons;
	}

}
