package io.creditdesk.scoring.features;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Properties;

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

	@ParameterizedTest(name = "{0} = {1} reads \"{2}\" in German")
	@CsvSource(delimiter = '|', textBlock = """
			delay_m1           | -2       | keine Aktivität
			delay_m1           | -1       | vollständig bezahlt
			delay_m1           | 0        | nichts überfällig
			delay_m1           | 1        | 1 Monat überfällig
			delay_m3           | 2        | 2 Monate überfällig
			delay_max_6m       | 0        | nie überfällig
			delay_trend        | 0.6667   | +0,67 Monate Verzug
			months_delayed_6m  | 2.5      | 2,5 Monate
			months_since_delay | 0        | im letzten Monat überfällig
			utilization_m1     | 0.853    | 85 %
			utilization_trend  | -0.12    | -12 Prozentpunkte
			log_credit_limit   | 9.903538 | 20.000
			unpaid_share_6m    | -0.32    | 32 % mehr bezahlt als berechnet
			""")
	void valuesReadAsAGermanAnalystReadsThem(String feature, double value, String expected) {
		assertThat(FeatureCatalogue.of(feature).format(value, Locale.GERMAN)).isEqualTo(expected);
		assertThat(FeatureCatalogue.of(feature).format(value, Locale.GERMANY)).isEqualTo(expected);
	}

	@Test
	void descriptionsAreInTheReadersLanguageAndEnglishWhenThereAreNoTextsInIt() {
		assertThat(FeatureCatalogue.describe("delay_m1", Locale.GERMAN)).isEqualTo("Zahlungsverzug im letzten Monat");
		assertThat(FeatureCatalogue.describe("delay_m2", Locale.GERMAN))
			.isEqualTo("Zahlungsverzug 1 Monat vor dem letzten Monat");
		assertThat(FeatureCatalogue.describe("utilization_m4", Locale.GERMAN))
			.isEqualTo("Genutzter Kredit (Saldo / Limit) am Ende des Monats 3 Monate vor dem letzten Monat");
		assertThat(FeatureCatalogue.describe("history_months", Locale.GERMAN)).isEqualTo("Monate Zahlungshistorie");
		// English is the catalogue's own language; a language without texts reads it, as
		// does a reader without a language, whatever the machine's own language is.
		Locale machine = Locale.getDefault();
		try {
			Locale.setDefault(Locale.GERMAN);
			assertThat(FeatureCatalogue.describe("history_months", Locale.FRENCH))
				.isEqualTo("Months of payment history");
			assertThat(FeatureCatalogue.describe("history_months", null)).isEqualTo("Months of payment history");
			assertThat(FeatureCatalogue.of("log_credit_limit").format(9.903538, Locale.FRENCH)).isEqualTo("20,000");
		}
		finally {
			Locale.setDefault(machine);
		}
		assertThat(FeatureCatalogue.all()).allSatisfy(entry -> assertThat(entry.description(Locale.GERMAN)).isNotBlank()
			.doesNotContain("{")
			.isNotEqualTo(entry.description()));
	}

	@Test
	void everyLanguageTranslatesEveryText() throws IOException {
		Properties english = texts("FeatureTexts.properties");
		Properties german = texts("FeatureTexts_de.properties");
		assertThat(german.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(english.stringPropertyNames());
		assertThat(english.stringPropertyNames())
			.allSatisfy(key -> assertThat(german.getProperty(key).replaceAll("[^{}0-9]", "").chars().sorted().toArray())
				.as(key + " has the placeholders of the English text")
				.isEqualTo(english.getProperty(key).replaceAll("[^{}0-9]", "").chars().sorted().toArray()));
	}

	private static Properties texts(String file) throws IOException {
		Properties properties = new Properties();
		try (InputStream in = FeatureCatalogue.class.getResourceAsStream(file)) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		return properties;
	}

}
