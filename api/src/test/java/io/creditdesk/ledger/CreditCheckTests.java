package io.creditdesk.ledger;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import io.creditdesk.common.Money;
import io.creditdesk.customer.CreditLimit;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.customer.RiskFlag;
import io.creditdesk.customer.RiskFlagType;
import io.creditdesk.ledger.CreditRule.Facts;
import io.creditdesk.ledger.CreditRule.Reason;
import io.creditdesk.policy.EffectivePolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The credit check's rules as a table, no Spring context: each rule on the facts just
 * below and just above its threshold, with the reason and figures it gives; then the
 * verdict the rules make together (rejections win over holds, and the order of the
 * reasons).
 */
class CreditCheckTests {

	private static final LocalDate TODAY = LocalDate.of(2026, 6, 15);

	/**
	 * An active EUR customer with a 10,000 limit, 2,000 exposure, no flags, and a policy
	 * with every hold rule set.
	 */
	private static Facts facts() {
		return new Facts(account(CustomerStatus.ACTIVE, List.of(), limit(null), "2000.00"), policy(), SecuredTerms.NONE,
				CreditCheck.Overdue.NONE, new BigDecimal("500.00"), new BigDecimal("500.00"), eur("12000"), TODAY);
	}

	static Stream<Arguments> rules() {
		Facts ok = facts();
		return Stream.of(arguments("customer is active", CreditCheck.CUSTOMER_IS_ACTIVE, ok, List.of()),
				arguments("customer on hold", CreditCheck.CUSTOMER_IS_ACTIVE, with(ok, CustomerStatus.ON_HOLD),
						List.of(Reason.reject(CreditReasonCode.CUSTOMER_ON_HOLD, "ACTIVE", "ON_HOLD"))),
				arguments("customer not verified", CreditCheck.CUSTOMER_IS_ACTIVE,
						with(ok, CustomerStatus.PENDING_VERIFICATION),
						List.of(Reason.reject(CreditReasonCode.CUSTOMER_NOT_VERIFIED, "ACTIVE",
								"PENDING_VERIFICATION"))),
				arguments("customer suspended", CreditCheck.CUSTOMER_IS_ACTIVE, with(ok, CustomerStatus.SUSPENDED),
						List.of(Reason.reject(CreditReasonCode.CUSTOMER_SUSPENDED, "ACTIVE", "SUSPENDED"))),
				arguments("customer closed", CreditCheck.CUSTOMER_IS_ACTIVE, with(ok, CustomerStatus.CLOSED),
						List.of(Reason.reject(CreditReasonCode.CUSTOMER_CLOSED, "ACTIVE", "CLOSED"))),
				arguments("no flags", CreditCheck.NO_RISK_FLAG, ok, List.of()),
				arguments("both flags", CreditCheck.NO_RISK_FLAG, flagged(ok, RiskFlagType.FRAUD, RiskFlagType.BUREAU),
						List.of(Reason.reject(CreditReasonCode.FRAUD_FLAG, null, "FRAUD"),
								Reason.reject(CreditReasonCode.BUREAU_FLAG, null, "BUREAU"))),
				arguments("has a limit", CreditCheck.HAS_CREDIT_LIMIT, ok, List.of()),
				arguments("active without a limit", CreditCheck.HAS_CREDIT_LIMIT,
						withoutLimit(ok, CustomerStatus.ACTIVE),
						List.of(Reason.reject(CreditReasonCode.NO_CREDIT_LIMIT, null, null))),
				arguments("not verified without a limit is only not verified", CreditCheck.HAS_CREDIT_LIMIT,
						withoutLimit(ok, CustomerStatus.PENDING_VERIFICATION), List.of()),
				arguments("up to the hard cap", CreditCheck.WITHIN_HARD_CAP, amount(ok, "10000.00"), List.of()),
				arguments("one cent over the hard cap", CreditCheck.WITHIN_HARD_CAP, amount(ok, "10000.01"),
						List.of(Reason.reject(CreditReasonCode.OVER_HARD_CAP, "12000.00 EUR", "12000.01 EUR"))),
				arguments("no hard cap", CreditCheck.WITHIN_HARD_CAP, noHardCap(amount(ok, "99999")), List.of()),
				arguments("order at the maximum value", CreditCheck.WITHIN_MAX_ORDER_VALUE, total(ok, "5000.00"),
						List.of()),
				arguments("order above the maximum value", CreditCheck.WITHIN_MAX_ORDER_VALUE, total(ok, "5000.01"),
						List.of(Reason.hold(CreditReasonCode.ORDER_ABOVE_MAX_VALUE, "5000.00 EUR", "5000.01 EUR"))),
				arguments("a maximum in another currency does not apply", CreditCheck.WITHIN_MAX_ORDER_VALUE,
						total(withPolicy(ok, policy(new Money(new BigDecimal("5000"), "USD"))), "9000.00"), List.of()),
				arguments("overdue at the threshold", CreditCheck.OVERDUE_WITHIN_AMOUNT, overdue(ok, "1000.00", 10),
						List.of()),
				arguments("overdue above the threshold", CreditCheck.OVERDUE_WITHIN_AMOUNT, overdue(ok, "1000.01", 10),
						List.of(Reason.hold(CreditReasonCode.OVERDUE_ABOVE_THRESHOLD, "1000.00 EUR", "1000.01 EUR"))),
				arguments("overdue for the allowed days", CreditCheck.OVERDUE_WITHIN_AGE, overdue(ok, "1.00", 30),
						List.of()),
				arguments("overdue for longer", CreditCheck.OVERDUE_WITHIN_AGE, overdue(ok, "1.00", 31),
						List.of(Reason.hold(CreditReasonCode.OVERDUE_TOO_OLD, "30 days", "31 days"))),
				arguments("nothing overdue, however old", CreditCheck.OVERDUE_WITHIN_AGE, overdue(ok, "0", 90),
						List.of()),
				arguments("limit valid today", CreditCheck.LIMIT_NOT_EXPIRED, expiring(ok, TODAY), List.of()),
				arguments("limit expired yesterday", CreditCheck.LIMIT_NOT_EXPIRED, expiring(ok, TODAY.minusDays(1)),
						List.of(Reason.hold(CreditReasonCode.LIMIT_EXPIRED, "2026-06-14", "2026-06-15"))));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("rules")
	void eachRuleGivesItsReasonWithItsFigures(String name, CreditRule rule, Facts facts, List<Reason> expected) {
		assertThat(rule.check(facts)).isEqualTo(expected);
	}

	@Test
	void allRulesAreListedRejectionsFirst() {
		assertThat(CreditCheck.allRules()).containsExactly(CreditCheck.CUSTOMER_IS_ACTIVE, CreditCheck.NO_RISK_FLAG,
				CreditCheck.HAS_CREDIT_LIMIT, CreditCheck.WITHIN_HARD_CAP, CreditCheck.WITHIN_MAX_ORDER_VALUE,
				CreditCheck.OVERDUE_WITHIN_AMOUNT, CreditCheck.OVERDUE_WITHIN_AGE, CreditCheck.LIMIT_NOT_EXPIRED);
	}

	static Stream<Arguments> verdicts() {
		Facts ok = facts();
		Facts holdTwice = overdue(total(ok, "6000.00"), "2000.00", 45);
		return Stream.of(arguments("within every rule", ok, null, List.of()),
				arguments("two holds, in rule order", holdTwice, DecisionStatus.PENDING_APPROVAL,
						List.of(CreditReasonCode.ORDER_ABOVE_MAX_VALUE, CreditReasonCode.OVERDUE_ABOVE_THRESHOLD,
								CreditReasonCode.OVERDUE_TOO_OLD)),
				arguments("a rejection wins over holds", with(holdTwice, CustomerStatus.ON_HOLD),
						DecisionStatus.REJECTED, List.of(CreditReasonCode.CUSTOMER_ON_HOLD)),
				arguments("status, flag and hard cap together",
						flagged(amount(with(ok, CustomerStatus.SUSPENDED), "20000"), RiskFlagType.FRAUD),
						DecisionStatus.REJECTED, List.of(CreditReasonCode.CUSTOMER_SUSPENDED,
								CreditReasonCode.FRAUD_FLAG, CreditReasonCode.OVER_HARD_CAP)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("verdicts")
	void theRulesTogetherRejectHoldOrLetTheReservationDecide(String name, Facts facts, DecisionStatus status,
			List<CreditReasonCode> reasons) {
		CreditCheck.Verdict verdict = CreditCheck.evaluate(facts.account(), facts.policy(), facts.secured(),
				facts.overdue(), facts.amount(), facts.orderTotal(), facts.hardCap(), facts.today());
		assertThat(verdict.status()).isEqualTo(status);
		assertThat(verdict.reasons()).isEqualTo(reasons);
		assertThat(verdict.details()).extracting(Reason::code).isEqualTo(reasons);
		assertThat(verdict.tryReserve()).isEqualTo(status == null);
	}

	@Test
	void theRejectionsOfAnAccountAreItsEligibilityRulesOnly() {
		CreditAccount account = account(CustomerStatus.ON_HOLD, List.of(flag(RiskFlagType.BUREAU)), limit(null),
				"99999");
		assertThat(CreditCheck.rejections(account)).containsExactly(CreditReasonCode.CUSTOMER_ON_HOLD,
				CreditReasonCode.BUREAU_FLAG);
		assertThat(CreditCheck.rejections(facts().account())).isEmpty();
	}

	// ---- the facts, changed one at a time ----

	static Stream<Arguments> deliveries() {
		CreditLimit limit = limit(null);
		return Stream.of(
				arguments("active, no flags", account(CustomerStatus.ACTIVE, List.of(), limit, "2000"), List.of()),
				arguments("above its limit: the order's credit is reserved",
						account(CustomerStatus.ACTIVE, List.of(), limit, "99999"), List.of()),
				arguments("limit withdrawn after the approval", account(CustomerStatus.ACTIVE, List.of(), null, "2000"),
						List.of()),
				arguments("limit expired",
						account(CustomerStatus.ACTIVE, List.of(), limit(LocalDate.of(2020, 1, 1)), "0"), List.of()),
				arguments("on hold", account(CustomerStatus.ON_HOLD, List.of(), limit, "0"),
						List.of(CreditReasonCode.CUSTOMER_ON_HOLD)),
				arguments("suspended", account(CustomerStatus.SUSPENDED, List.of(), limit, "0"),
						List.of(CreditReasonCode.CUSTOMER_SUSPENDED)),
				arguments("closed", account(CustomerStatus.CLOSED, List.of(), limit, "0"),
						List.of(CreditReasonCode.CUSTOMER_CLOSED)),
				arguments("not verified", account(CustomerStatus.PENDING_VERIFICATION, List.of(), null, "0"),
						List.of(CreditReasonCode.CUSTOMER_NOT_VERIFIED)),
				arguments("an insolvency filing: on hold and the bureau flag",
						account(CustomerStatus.ON_HOLD, List.of(flag(RiskFlagType.BUREAU)), limit, "0"),
						List.of(CreditReasonCode.CUSTOMER_ON_HOLD, CreditReasonCode.BUREAU_FLAG)),
				arguments("fraud suspected",
						account(CustomerStatus.ACTIVE, List.of(flag(RiskFlagType.FRAUD)), limit, "0"),
						List.of(CreditReasonCode.FRAUD_FLAG)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("deliveries")
	void anApprovedOrderShipsUnlessTheStatusOrARiskFlagSaysNo(String name, CreditAccount account,
			List<CreditReasonCode> blocks) {
		assertThat(CreditCheck.deliveryBlocks(account)).isEqualTo(blocks);
	}

	private static CreditAccount account(CustomerStatus status, List<RiskFlag> flags, CreditLimit limit, String open) {
		ExposureCounters exposure = new ExposureCounters(new BigDecimal(open), BigDecimal.ZERO, BigDecimal.ZERO,
				BigDecimal.ZERO);
		return new CreditAccount("c1", "EUR", status, flags, limit, null, "SMB", "SILVER", "RETAIL", exposure, null,
				null, List.of());
	}

	private static CreditLimit limit(LocalDate validUntil) {
		return new CreditLimit(eur("10000"), validUntil, null, "manager", Instant.EPOCH);
	}

	private static RiskFlag flag(RiskFlagType type) {
		return new RiskFlag(type, "test", "test", Instant.EPOCH, "analyst");
	}

	private static EffectivePolicy policy() {
		return policy(eur("5000"));
	}

	private static EffectivePolicy policy(Money maxOrder) {
		return new EffectivePolicy(eur("10000"), eur("12000"), null, 0, List.of(), null, eur("1000"), 30, maxOrder, 12,
				List.of());
	}

	private static Money eur(String amount) {
		return new Money(new BigDecimal(amount), "EUR");
	}

	private static Facts with(Facts f, CustomerStatus status) {
		CreditAccount a = f.account();
		return withAccount(f, account(status, a.flags(), a.creditLimit(), a.exposure().openOrders().toPlainString()));
	}

	private static Facts flagged(Facts f, RiskFlagType... types) {
		CreditAccount a = f.account();
		List<RiskFlag> flags = Stream.of(types).map(CreditCheckTests::flag).toList();
		return withAccount(f, account(a.status(), flags, a.creditLimit(), a.exposure().openOrders().toPlainString()));
	}

	private static Facts withoutLimit(Facts f, CustomerStatus status) {
		return withAccount(f, account(status, List.of(), null, "0"));
	}

	private static Facts expiring(Facts f, LocalDate validUntil) {
		CreditAccount a = f.account();
		return withAccount(f,
				account(a.status(), a.flags(), limit(validUntil), a.exposure().openOrders().toPlainString()));
	}

	private static Facts withAccount(Facts f, CreditAccount account) {
		return new Facts(account, f.policy(), f.secured(), f.overdue(), f.amount(), f.orderTotal(), f.hardCap(),
				f.today());
	}

	private static Facts withPolicy(Facts f, EffectivePolicy policy) {
		return new Facts(f.account(), policy, f.secured(), f.overdue(), f.amount(), f.orderTotal(), f.hardCap(),
				f.today());
	}

	private static Facts amount(Facts f, String amount) {
		return new Facts(f.account(), f.policy(), f.secured(), f.overdue(), new BigDecimal(amount), f.orderTotal(),
				f.hardCap(), f.today());
	}

	private static Facts total(Facts f, String total) {
		return new Facts(f.account(), f.policy(), f.secured(), f.overdue(), f.amount(), new BigDecimal(total),
				f.hardCap(), f.today());
	}

	private static Facts overdue(Facts f, String amount, int days) {
		return new Facts(f.account(), f.policy(), f.secured(), new CreditCheck.Overdue(new BigDecimal(amount), days),
				f.amount(), f.orderTotal(), f.hardCap(), f.today());
	}

	private static Facts noHardCap(Facts f) {
		return new Facts(f.account(), f.policy(), f.secured(), f.overdue(), f.amount(), f.orderTotal(), null,
				f.today());
	}

}
