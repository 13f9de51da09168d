package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.creditdesk.common.Money;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.customer.RiskFlag;
import io.creditdesk.customer.RiskFlagType;
import io.creditdesk.ledger.CreditRule.Facts;
import io.creditdesk.ledger.CreditRule.Reason;
import io.creditdesk.policy.EffectivePolicy;
import org.jspecify.annotations.Nullable;

/**
 * The rules of the order credit check, decided on one consistent reading of the account,
 * in this order: reasons to reject (status, risk flags, no limit, hard cap), then reasons
 * to hold for Finance (policy hold rules). When neither applies the caller attempts the
 * atomic reservation, which alone decides between approval and a hold for insufficient
 * available credit. Each rule is a named {@link CreditRule}; {@link #allRules()} lists
 * them.
 */
final class CreditCheck {

	/** Holds that a payment, cancellation or limit increase can lift by itself. */
	static final List<CreditReasonCode> CREDIT_HOLDS = List.of(CreditReasonCode.EXCEEDS_AVAILABLE_CREDIT,
			CreditReasonCode.EXCEEDS_GROUP_AVAILABLE_CREDIT);

	/**
	 * Only an active customer buys on credit: not one waiting for verification, on hold,
	 * suspended or closed.
	 */
	static final CreditRule CUSTOMER_IS_ACTIVE = facts -> {
		CustomerStatus status = facts.account().status();
		CreditReasonCode code = switch (status) {
			case ACTIVE -> null;
			case PENDING_VERIFICATION -> CreditReasonCode.CUSTOMER_NOT_VERIFIED;
			case ON_HOLD -> CreditReasonCode.CUSTOMER_ON_HOLD;
			case SUSPENDED -> CreditReasonCode.CUSTOMER_SUSPENDED;
			case CLOSED -> CreditReasonCode.CUSTOMER_CLOSED;
		};
		return (code != null) ? List.of(Reason.reject(code, CustomerStatus.ACTIVE.name(), status.name())) : List.of();
	};

	/** A raised bureau or fraud flag refuses credit, one reason per flag. */
	static final CreditRule NO_RISK_FLAG = facts -> {
		List<Reason> reasons = new ArrayList<>();
		for (RiskFlag flag : facts.account().flags()) {
			reasons.add(Reason.reject(
					(flag.type() == RiskFlagType.BUREAU) ? CreditReasonCode.BUREAU_FLAG : CreditReasonCode.FRAUD_FLAG,
					null, flag.type().name()));
		}
		return reasons;
	};

	/** An active customer without an approved limit has no credit to buy on. */
	static final CreditRule HAS_CREDIT_LIMIT = facts -> (facts.account().status() == CustomerStatus.ACTIVE
			&& facts.account().creditLimit() == null)
					? List.of(Reason.reject(CreditReasonCode.NO_CREDIT_LIMIT, null, null)) : List.of();

	/**
	 * The net exposure with the order must stay within the effective hard cap, whatever
	 * the limit.
	 */
	static final CreditRule WITHIN_HARD_CAP = facts -> {
		if (facts.hardCap() == null) {
			return List.of();
		}
		BigDecimal after = ExposureFormula.net(facts.account().exposure(), facts.secured()).add(facts.amount());
		return (after.compareTo(facts.hardCap().amount()) > 0) ? List.of(Reason
			.reject(CreditReasonCode.OVER_HARD_CAP, figure(facts, facts.hardCap().amount()), figure(facts, after))
			.setBy(setBy(facts, "hardCap"))) : List.of();
	};

	/**
	 * An order above the policy's maximum order value (in the credit currency) waits for
	 * Finance.
	 */
	static final CreditRule WITHIN_MAX_ORDER_VALUE = facts -> {
		Money max = facts.policy().maxOrderAmount();
		return (max != null && max.currency().equals(facts.account().creditCurrency())
				&& facts.orderTotal().compareTo(max.amount()) > 0)
						? List.of(Reason
							.hold(CreditReasonCode.ORDER_ABOVE_MAX_VALUE, figure(facts, max.amount()),
									figure(facts, facts.orderTotal()))
							.setBy(setBy(facts, "maxOrderAmount")))
						: List.of();
	};

	/**
	 * More overdue than the policy allows (in the credit currency) holds the order for
	 * Finance.
	 */
	static final CreditRule OVERDUE_WITHIN_AMOUNT = facts -> {
		Money max = facts.policy().maxOverdueAmount();
		return (max != null && max.currency().equals(facts.account().creditCurrency())
				&& facts.overdue().amount().compareTo(max.amount()) > 0)
						? List
							.of(Reason
								.hold(CreditReasonCode.OVERDUE_ABOVE_THRESHOLD, figure(facts, max.amount()),
										figure(facts, facts.overdue().amount()))
								.setBy(setBy(facts, "maxOverdueAmount")))
						: List.of();
	};

	/**
	 * Receivables overdue for longer than the policy allows hold the order for Finance.
	 */
	static final CreditRule OVERDUE_WITHIN_AGE = facts -> {
		Integer max = facts.policy().maxOverdueDays();
		return (max != null && facts.overdue().amount().signum() > 0 && facts.overdue().oldestDays() > max) ? List
			.of(Reason.hold(CreditReasonCode.OVERDUE_TOO_OLD, max + " days", facts.overdue().oldestDays() + " days")
				.setBy(setBy(facts, "maxOverdueDays"))) : List.of();
	};

	/** A limit past its validity date holds the order until Finance looks at it. */
	static final CreditRule LIMIT_NOT_EXPIRED = facts -> {
		LocalDate validUntil = (facts.account().creditLimit() != null) ? facts.account().creditLimit().validUntil()
				: null;
		return (validUntil != null && validUntil.isBefore(facts.today()))
				? List.of(Reason.hold(CreditReasonCode.LIMIT_EXPIRED, validUntil.toString(), facts.today().toString()))
				: List.of();
	};

	/**
	 * The rules that need only the account: why the customer may not buy on credit at
	 * all.
	 */
	private static final List<CreditRule> ELIGIBILITY = List.of(CUSTOMER_IS_ACTIVE, NO_RISK_FLAG, HAS_CREDIT_LIMIT);

	/**
	 * What stops an approved order from shipping: the customer's status and its risk
	 * flags, the rules that refuse a new order whatever its amount. A limit lowered or
	 * withdrawn after the approval does not (the order's credit is reserved).
	 */
	private static final List<CreditRule> DELIVERY = List.of(CUSTOMER_IS_ACTIVE, NO_RISK_FLAG);

	private static final List<CreditRule> ALL = List.of(CUSTOMER_IS_ACTIVE, NO_RISK_FLAG, HAS_CREDIT_LIMIT,
			WITHIN_HARD_CAP, WITHIN_MAX_ORDER_VALUE, OVERDUE_WITHIN_AMOUNT, OVERDUE_WITHIN_AGE, LIMIT_NOT_EXPIRED);

	private CreditCheck() {
	}

	/**
	 * Every rule, in the order applied: the reasons to reject first, then the reasons to
	 * hold.
	 */
	static List<CreditRule> allRules() {
		return ALL;
	}

	/** What the ledger knows of overdue receivables, after grace days. */
	record Overdue(BigDecimal amount, int oldestDays) {
		static final Overdue NONE = new Overdue(BigDecimal.ZERO, 0);

	}

	/**
	 * The verdict before any reservation: reject, hold, or try to reserve ({@code status}
	 * null).
	 *
	 * @param details the reasons with their figures, in the order of {@code reasons}
	 */
	record Verdict(DecisionStatus status, List<CreditReasonCode> reasons, List<Reason> details) {
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
		Facts facts = new Facts(account, policy, secured, overdue, amount, orderTotal, hardCap, today);
		List<Reason> reject = new ArrayList<>();
		List<Reason> hold = new ArrayList<>();
		for (CreditRule rule : ALL) {
			for (Reason reason : rule.check(facts)) {
				((reason.outcome() == DecisionStatus.REJECTED) ? reject : hold).add(reason);
			}
		}
		if (!reject.isEmpty()) {
			return verdict(DecisionStatus.REJECTED, reject);
		}
		if (!hold.isEmpty()) {
			return verdict(DecisionStatus.PENDING_APPROVAL, hold);
		}
		return new Verdict(null, List.of(), List.of());
	}

	/** Why the customer may not buy on credit at all right now; empty when it may. */
	static List<CreditReasonCode> rejections(CreditAccount account) {
		return ineligible(account).stream().map(Reason::code).toList();
	}

	/** {@link #rejections} with the figures of each reason. */
	static List<Reason> ineligible(CreditAccount account) {
		Facts facts = Facts.of(account);
		List<Reason> reasons = new ArrayList<>();
		for (CreditRule rule : ELIGIBILITY) {
			reasons.addAll(rule.check(facts));
		}
		return reasons;
	}

	/**
	 * Why an approved order of the customer may not ship now (on hold, suspended or
	 * closed, a bureau or fraud flag raised: an insolvency filing does both); empty when
	 * it may.
	 */
	static List<CreditReasonCode> deliveryBlocks(CreditAccount account) {
		Facts facts = Facts.of(account);
		List<CreditReasonCode> reasons = new ArrayList<>();
		for (CreditRule rule : DELIVERY) {
			rule.check(facts).forEach(reason -> reasons.add(reason.code()));
		}
		return reasons;
	}

	private static Verdict verdict(DecisionStatus status, List<Reason> reasons) {
		return new Verdict(status, reasons.stream().map(Reason::code).toList(), List.copyOf(reasons));
	}

	/** An amount as a rule's figure: in the credit currency, at its minor units. */
	private static String figure(Facts facts, BigDecimal amount) {
		return figure(facts.account(), amount);
	}

	/** The policy level that set {@code field} of the effective policy, as stored. */
	private static @Nullable String setBy(Facts facts, String field) {
		EffectivePolicy.Source source = (facts.policy() != null) ? facts.policy().sourceOf(field) : null;
		return (source != null) ? source.policyId() : null;
	}

	/**
	 * An amount of {@code account} as a reason's figure: in its credit currency, at its
	 * minor units.
	 */
	static String figure(CreditAccount account, BigDecimal amount) {
		Money money = account.money(amount);
		return money.amount().toPlainString() + " " + money.currency();
	}

}
