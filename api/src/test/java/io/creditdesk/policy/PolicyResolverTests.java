package io.creditdesk.policy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.creditdesk.common.Money;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyResolverTests {

	private static final PolicySettings DEFAULTS = new PolicySettings(null, null, PaymentTerms.NET_30, 0,
			List.of(0.8, 0.95), null, null, null, null, 12);

	private final PolicyResolver resolver = new PolicyResolver(DEFAULTS);

	private static CreditPolicy policy(PolicyLevel level, String code, PolicySettings settings) {
		return new CreditPolicy(level.policyId(code), level, code, settings, "test", Instant.EPOCH, 1);
	}

	private static PolicySettings hardCap(String amount) {
		return new PolicySettings(null, Money.of(amount, "EUR"), null, null, null, null, null, null, null, null);
	}

	@Test
	void withNoStoredPolicyEveryValueComesFromTheSystemDefaults() {
		EffectivePolicy effective = this.resolver.resolve(List.of());
		assertThat(effective.paymentTerms()).isEqualTo(PaymentTerms.NET_30);
		assertThat(effective.hardCap()).isNull();
		assertThat(effective.alertThresholds()).containsExactly(0.8, 0.95);
		assertThat(effective.sourceOf("paymentTerms").level()).isEqualTo(PolicyLevel.SYSTEM_DEFAULT);
		assertThat(effective.sourceOf("hardCap")).isNull();
	}

	@Test
	void theMostSpecificLevelWinsRegardlessOfInputOrder() {
		List<CreditPolicy> chain = List.of(policy(PolicyLevel.GLOBAL, null, hardCap("1000000")),
				policy(PolicyLevel.SEGMENT, "SMB", hardCap("100000")),
				policy(PolicyLevel.CUSTOMER, "c1", hardCap("5000")),
				policy(PolicyLevel.INDUSTRY, "RETAIL", hardCap("50000")),
				policy(PolicyLevel.TIER, "GOLD", hardCap("20000")));
		EffectivePolicy effective = this.resolver.resolve(chain);
		assertThat(effective.hardCap()).isEqualTo(Money.of("5000", "EUR"));
		assertThat(effective.sourceOf("hardCap"))
			.isEqualTo(new EffectivePolicy.Source("hardCap", PolicyLevel.CUSTOMER, "c1"));
	}

	@Test
	void tierBeatsIndustryBeatsSegmentBeatsGlobal() {
		assertThat(this.resolver
			.resolve(List.of(policy(PolicyLevel.SEGMENT, "SMB", hardCap("3")),
					policy(PolicyLevel.INDUSTRY, "R", hardCap("2")), policy(PolicyLevel.TIER, "G", hardCap("1"))))
			.sourceOf("hardCap")
			.level()).isEqualTo(PolicyLevel.TIER);
		assertThat(this.resolver
			.resolve(List.of(policy(PolicyLevel.SEGMENT, "SMB", hardCap("3")),
					policy(PolicyLevel.INDUSTRY, "R", hardCap("2"))))
			.sourceOf("hardCap")
			.level()).isEqualTo(PolicyLevel.INDUSTRY);
		assertThat(this.resolver
			.resolve(List.of(policy(PolicyLevel.GLOBAL, null, hardCap("4")),
					policy(PolicyLevel.SEGMENT, "SMB", hardCap("3"))))
			.sourceOf("hardCap")
			.level()).isEqualTo(PolicyLevel.SEGMENT);
	}

	@Test
	void eachValueFallsBackIndependently() {
		PolicySettings tier = new PolicySettings(null, null, null, 7, null, null, null, null, null, null);
		PolicySettings segment = new PolicySettings(Money.of("25000", "EUR"), Money.of("100000", "EUR"),
				new PaymentTerms(45, new BigDecimal("2"), 10, false), 3, null, 30, null, null, null, 6);
		EffectivePolicy effective = this.resolver
			.resolve(List.of(policy(PolicyLevel.TIER, "GOLD", tier), policy(PolicyLevel.SEGMENT, "SMB", segment)));
		assertThat(effective.graceDays()).isEqualTo(7);
		assertThat(effective.sourceOf("graceDays").level()).isEqualTo(PolicyLevel.TIER);
		assertThat(effective.paymentTerms().label()).isEqualTo("2/10 Net 45");
		assertThat(effective.sourceOf("paymentTerms").code()).isEqualTo("SMB");
		assertThat(effective.checkHorizonDays()).isEqualTo(30);
		assertThat(effective.reviewIntervalMonths()).isEqualTo(6);
		assertThat(effective.alertThresholds()).containsExactly(0.8, 0.95);
		assertThat(effective.sourceOf("alertThresholds").level()).isEqualTo(PolicyLevel.SYSTEM_DEFAULT);
	}

	@Test
	void paymentTermsResolveAsOneUnit() {
		PolicySettings customerTerms = new PolicySettings(null, null, new PaymentTerms(60, null, null, true), null,
				null, null, null, null, null, null);
		PolicySettings segmentTerms = new PolicySettings(null, null,
				new PaymentTerms(30, new BigDecimal("2"), 10, false), null, null, null, null, null, null, null);
		EffectivePolicy effective = this.resolver.resolve(List.of(policy(PolicyLevel.CUSTOMER, "c", customerTerms),
				policy(PolicyLevel.SEGMENT, "S", segmentTerms)));
		assertThat(effective.paymentTerms().hasDiscount()).isFalse();
		assertThat(effective.paymentTerms().label()).isEqualTo("Net 60 EOM");
	}

}
