package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import io.creditdesk.common.Money;
import io.creditdesk.policy.EffectivePolicy;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * One rule of the order credit check: the reasons it finds to refuse or hold an order,
 * each with the figures a person needs to understand it, or none when the order passes
 * it. Rules are pure functions of one reading of the account;
 * {@link CreditCheck#allRules()} lists them in the order they are applied.
 */
@NullMarked
@FunctionalInterface
interface CreditRule {

	List<Reason> check(Facts facts);

	/**
	 * What a rule sees: one reading of the account and the order being checked.
	 *
	 * @param amount the amount to check (an order, or the increase of an amendment), in
	 * the credit currency
	 * @param orderTotal the order's total after the change, for the maximum order value
	 * @param policy the effective policy; null only for the rules that read the account
	 * alone
	 * @param hardCap the effective hard cap in the credit currency, or null
	 * @param today null only for the rules that read the account alone
	 */
	record Facts(CreditAccount account, @Nullable EffectivePolicy policy, SecuredTerms secured,
			CreditCheck.Overdue overdue, BigDecimal amount, BigDecimal orderTotal, @Nullable Money hardCap,
			@Nullable LocalDate today) {

		/** The facts of the account alone, for the rules that need no order. */
		static Facts of(CreditAccount account) {
			return new Facts(account, null, SecuredTerms.NONE, CreditCheck.Overdue.NONE, BigDecimal.ZERO,
					BigDecimal.ZERO, null, null);
		}

	}

	/**
	 * Why a rule refuses or holds, with its figures as a person reads them: amounts in
	 * the credit currency ({@code 20000.00 EUR}), ages in days ({@code 45 days}), dates
	 * as ISO dates; null where a rule has no figure (a flag is raised or not).
	 *
	 * @param outcome {@code REJECTED} or {@code PENDING_APPROVAL}
	 * @param threshold what the rule allows
	 * @param actual what the account or the order has
	 * @param setBy the policy level that set the threshold ({@code SEGMENT:SMB}), or null
	 */
	record Reason(CreditReasonCode code, DecisionStatus outcome, @Nullable String threshold, @Nullable String actual,
			@Nullable String setBy) {

		static Reason reject(CreditReasonCode code, @Nullable String threshold, @Nullable String actual) {
			return new Reason(code, DecisionStatus.REJECTED, threshold, actual, null);
		}

		static Reason hold(CreditReasonCode code, @Nullable String threshold, @Nullable String actual) {
			return new Reason(code, DecisionStatus.PENDING_APPROVAL, threshold, actual, null);
		}

		/**
		 * The same reason naming the policy level that set its threshold
		 * ({@code SEGMENT:SMB}).
		 */
		Reason setBy(@Nullable String policyId) {
			return new Reason(this.code, this.outcome, this.threshold, this.actual, policyId);
		}

	}

}
