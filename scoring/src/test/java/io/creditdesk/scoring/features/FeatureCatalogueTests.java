package io.creditdesk.scoring.features;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The catalogue describes every feature once, and shows values as an analyst reads them.
 */
class FeatureCatalogueTests {

	@Test
	void everyFeatureHasExactlyOneDescriptionAndNothingElseHasOne() {
		assertThat(FeatureCatalogue.all()).extracting(FeatureCatalogue.Entry::feature)
			.containsExactlyInAnyOrderElementsOf(PaymentHistoryFeatures.featureNames());
		assertThat(FeatureCatalogue.all()).extracting(FeatureCatalogue.Entry::description)
			.doesNotHaveDuplicates()
			.allSatisfy(d -> assertThat(d).isNotBlank().doesNotContain("_"));
		assertThatThrownBy(() -> FeatureCatalogue.of("customer_age")).hasMessageContaining("no feature 'customer_age'");
	}

	@Test
	void perMonthFeaturesNameTheirMonth() {
		assertThat(FeatureCatalogue.describe("delay_m1")).isEqualTo("Payment delay in the latest month");
		assertThat(FeatureCatalogue.describe("delay_m2")).isEqualTo("Payment delay 1 month before the latest month");
		assertThat(FeatureCatalogue.describe("utilization_m4"))
			.isEqualTo("Credit used (balance / limit) at the end of 3 months before the latest month");
	}

	@ParameterizedTest(name = "{0} = {1} reads \"{2}\"")
	@CsvSource(delimiter = '|', textBlock = """
			delay_m1           | -2       | no activity
			delay_m1           | -1       | paid in full
			delay_m1           | 0        | nothing overdue
			delay_m1           | 1        | 1 month past due
			delay_m3           | 2        | 2 months past due
			delay_max_6m       | 0        | never overdue
			delay_max_6m       | 3        | 3 months past due
			delay_trend        | 0.6667   | +0.67 months past due
			months_delayed_6m  | 2        | 2 months
			months_since_delay | 13       | never overdue
			months_since_delay | 0        | overdue in the latest month
			months_since_delay | 4        | 4 months
			utilization_m1     | 0.853    | 85 %
			utilization_trend  | -0.12    | -12 points
			share_paid_in_full | 0.25     | 25 %
			log_credit_limit   | 9.903538 | 20,000
			log_billed_m1      | -4.61512 | -100
			history_months     | 12       | 12 months
			unpaid_share_6m    | 0.3      | 30 %
			unpaid_share_6m    | 0        | 0 %
			unpaid_share_6m    | -0.004   | 0 %
			unpaid_share_6m    | -0.32    | paid 32 % more than billed
			""")
	void valuesReadAsAnAnalystReadsThem(String feature, double value, String expected) {
		assertThat(FeatureCatalogue.of(feature).format(value)).isEqualTo(expected);
	}

}
