package io.creditdesk.scoring.features;

import io.creditdesk.scoring.history.MonthlyStatement;
import io.creditdesk.scoring.history.PaymentHistory;
import org.junit.jupiter.api.Test;
import org.tribuo.Example;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PaymentHistoryFeaturesTests {

	/** Most recent first: a customer sliding into arrears. */
	static PaymentHistory sliding() {
		return new PaymentHistory("c1",
				List.of(new MonthlyStatement(1000, 500, 100, 2), new MonthlyStatement(1000, 400, 0, 1),
						new MonthlyStatement(1000, 300, 300, 0), new MonthlyStatement(1000, 200, 200, -1),
						new MonthlyStatement(1000, 100, 100, -1), new MonthlyStatement(1000, 0, 0, -2)));
	}

	static Map<String, Double> features(PaymentHistory h) {
		double[] v = PaymentHistoryFeatures.compute(h);
		Map<String, Double> m = new HashMap<>();
		for (int i = 0; i < v.length; i++) {
			m.put(PaymentHistoryFeatures.featureNames().get(i), v[i]);
		}
		return m;
	}

	@Test
	void delayFeaturesByHand() {
		Map<String, Double> f = features(sliding());
		assertThat(List.of(f.get("delay_m1"), f.get("delay_m2"), f.get("delay_m3"), f.get("delay_m4"),
				f.get("delay_m5"), f.get("delay_m6")))
			.containsExactly(2.0, 1.0, 0.0, -1.0, -1.0, -2.0);
		assertThat(f.get("delay_max_3m")).isEqualTo(2.0);
		assertThat(f.get("delay_max_all")).isEqualTo(2.0);
		assertThat(f.get("delay_trend")).isEqualTo(1.0); // mean(2,1,0) - mean(0,0,0)
		assertThat(f.get("months_delayed_6m")).isEqualTo(2.0);
		assertThat(f.get("months_since_delay")).isEqualTo(0.0);
		assertThat(f.get("share_paid_in_full")).isCloseTo(2.0 / 6, within(1e-12));
		assertThat(f.get("share_no_activity")).isCloseTo(1.0 / 6, within(1e-12));
	}

	@Test
	void utilizationAndPaymentRatiosByHand() {
		Map<String, Double> f = features(sliding());
		assertThat(f.get("utilization_m1")).isEqualTo(0.5);
		assertThat(f.get("utilization_m6")).isEqualTo(0.0);
		assertThat(f.get("utilization_max")).isEqualTo(0.5);
		assertThat(f.get("utilization_avg")).isCloseTo(0.25, within(1e-12));
		assertThat(f.get("utilization_trend")).isCloseTo(0.4, within(1e-12)); // 0.5 -
																				// mean(0.2,
																				// 0.1, 0)
		// paid this month over the previous month's balance
		assertThat(f.get("pay_ratio_m1")).isEqualTo(0.25); // 100 / 400
		assertThat(f.get("pay_ratio_m2")).isEqualTo(0.0); // 0 / 300
		assertThat(f.get("pay_ratio_m3")).isEqualTo(1.5); // 300 / 200
		assertThat(f.get("pay_ratio_m4")).isEqualTo(2.0); // 200 / 100
		assertThat(f.get("pay_ratio_m5")).isEqualTo(2.0); // paid with nothing owed:
															// prepayment, capped
		assertThat(f.get("pay_ratio_m6")).isEqualTo(1.0); // nothing owed, nothing paid
		assertThat(f.get("pay_ratio_min_3m")).isEqualTo(0.0);
		assertThat(f.get("pay_ratio_avg")).isCloseTo(6.75 / 6, within(1e-12));
		assertThat(f.get("unpaid_share_6m")).isCloseTo(0.3, within(1e-12)); // 1 - 700 /
																			// 1000
		assertThat(f.get("bill_growth_6m")).isEqualTo(0.5);
		assertThat(f.get("log_credit_limit")).isCloseTo(Math.log1p(1000), within(1e-12));
		assertThat(f.get("history_months")).isEqualTo(6.0);
	}

	@Test
	void longerHistoriesFeedTheAggregatesOnly() {
		List<MonthlyStatement> months = new ArrayList<>(sliding().statements());
		for (int i = 0; i < 6; i++) {
			months.add(new MonthlyStatement(1000, 900, 0, 5)); // a bad year-old stretch
		}
		Map<String, Double> twelve = features(new PaymentHistory("c1", months));
		Map<String, Double> six = features(sliding());
		assertThat(twelve.get("delay_m1")).isEqualTo(six.get("delay_m1"));
		assertThat(twelve.get("delay_max_6m")).isEqualTo(2.0);
		assertThat(twelve.get("delay_max_all")).isEqualTo(5.0);
		assertThat(twelve.get("months_delayed_all")).isEqualTo(8.0);
		assertThat(twelve.get("history_months")).isEqualTo(12.0);
		assertThat(twelve).hasSameSizeAs(six);
	}

	@Test
	void neverDelayedIsAFixedSentinel() {
		List<MonthlyStatement> months = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			months.add(new MonthlyStatement(5000, 1000, 1000, -1));
		}
		assertThat(features(new PaymentHistory("c", months)).get("months_since_delay"))
			.isEqualTo(PaymentHistoryFeatures.NEVER_DELAYED);
	}

	@Test
	void exampleCarriesEveryFeatureEvenWhenZero() {
		Example<Label> ex = PaymentHistoryFeatures.example(sliding(), LabelFactory.UNKNOWN_LABEL);
		assertThat(ex.size()).isEqualTo(PaymentHistoryFeatures.size());
	}

	@Test
	void noProtectedAttributeCanBeAFeature() {
		assertThat(PaymentHistoryFeatures.featureNames())
			.noneMatch(n -> n.matches("(?i).*(sex|age|marri|educ|nation).*"));
		assertThat(PaymentHistoryFeatures.featureNames()).doesNotHaveDuplicates();
	}

	@Test
	void historiesMustHaveSixToTwelveMonths() {
		List<MonthlyStatement> five = sliding().statements().subList(0, 5);
		assertThatThrownBy(() -> new PaymentHistory("x", five)).hasMessageContaining("6 to 12");
		assertThatThrownBy(() -> new MonthlyStatement(1, 1, 1, 10)).hasMessageContaining("-2..9");
	}

	@Test
	void monthsPastDueUsesThirtyDayBuckets() {
		assertThat(MonthlyStatement.monthsPastDue(0)).isEqualTo(0);
		assertThat(MonthlyStatement.monthsPastDue(1)).isEqualTo(1);
		assertThat(MonthlyStatement.monthsPastDue(30)).isEqualTo(1);
		assertThat(MonthlyStatement.monthsPastDue(31)).isEqualTo(2);
		assertThat(MonthlyStatement.monthsPastDue(1000)).isEqualTo(9);
	}

}
