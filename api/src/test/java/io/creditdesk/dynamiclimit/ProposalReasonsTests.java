package io.creditdesk.dynamiclimit;

import java.util.Locale;

import io.creditdesk.common.MessageCatalogue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every reason of a limit proposal reads as a sentence with its figures, in English and
 * in German, from the message catalogue.
 */
class ProposalReasonsTests {

	@ParameterizedTest
	@EnumSource(AdjustmentReasonCode.class)
	void everyReasonHasASentenceInEnglishAndGerman(AdjustmentReasonCode code) {
		assertThat(MessageCatalogue.contains("adjustment." + code.name())).as(code.name()).isTrue();
		AdjustmentReason reason = new AdjustmentReason(code, "5000.00 EUR", "7000.00 EUR");
		String english = ProposalReasons.describe(reason, Locale.ENGLISH);
		String german = ProposalReasons.describe(reason, Locale.GERMAN);
		assertThat(english).doesNotStartWith("adjustment.").doesNotContain("{");
		assertThat(german).doesNotStartWith("adjustment.").isNotEqualTo(english);
	}

	@Test
	void theFiguresStandWhereTheSentenceNamesThem() {
		assertThat(ProposalReasons.describe(new AdjustmentReason(AdjustmentReasonCode.COOLDOWN, "30 days", "12 days"),
				Locale.ENGLISH))
			.isEqualTo("The limit last changed 12 days ago; the next ordinary change waits 30 days.");
		assertThat(ProposalReasons.describe(
				new AdjustmentReason(AdjustmentReasonCode.STEP_UP_LIMITED, "31250.00 EUR", "37500.00 EUR"),
				Locale.ENGLISH))
			.isEqualTo("The increase to 37,500.00 EUR is cut to the largest step up, 31,250.00 EUR.");
	}

	/**
	 * The tester's find: amounts read as the reader writes them, and no English word or
	 * point decimal is left in a German sentence.
	 */
	@Test
	void everyFigureReadsInTheReadersLanguage() {
		AdjustmentReason target = new AdjustmentReason(AdjustmentReasonCode.TARGET_FROM_PURCHASES, "grade A x1.30",
				"7054.12 EUR");
		assertThat(ProposalReasons.describe(target, Locale.ENGLISH)).isEqualTo(
				"Target limit from expected purchases over the payment terms plus the buffer: 7,054.12 EUR (grade A x1.30).");
		assertThat(ProposalReasons.describe(target, Locale.GERMAN)).isEqualTo(
				"Ziellimit aus den erwarteten Einkäufen über das Zahlungsziel plus Puffer: 7.054,12 EUR (Risikoklasse A x1,30).");
		assertThat(ProposalReasons.describe(
				new AdjustmentReason(AdjustmentReasonCode.TOO_FEW_MONTHS_FOR_INCREASE, "6 months", "1 months"),
				Locale.GERMAN))
			.isEqualTo("Nur 1 Monat Historie; eine Erhöhung braucht 6 Monate.");
		assertThat(ProposalReasons.describe(
				new AdjustmentReason(AdjustmentReasonCode.DSO_ABOVE_TERMS, "45 days", "45.1 days"), Locale.GERMAN))
			.isEqualTo("Die DSO beträgt 45,1 Tage, mehr als die 45 Tage, die eine Erhöhung erlaubt.");
		assertThat(ProposalReasons.describe(new AdjustmentReason(AdjustmentReasonCode.LATE_PAYMENTS, "80 %", "79.5 %"),
				Locale.GERMAN))
			.isEqualTo("Nur 79,5 % der Rechnungen wurden pünktlich bezahlt; eine Erhöhung braucht 80 %.");
		assertThat(ProposalReasons.describe(new AdjustmentReason(AdjustmentReasonCode.ROUTED_FOR_APPROVAL,
				"10 % and 10000.00 EUR", "+15000.00 EUR"), Locale.GERMAN))
			.isEqualTo(
					"Die Änderung um +15.000,00 EUR übersteigt die automatische Befugnis von 10 % und 10.000,00 EUR: zur Genehmigung weitergeleitet.");
		assertThat(ProposalReasons.describe(new AdjustmentReason(AdjustmentReasonCode.GRADE_TOO_LOW, null, "grade D"),
				Locale.GERMAN))
			.isEqualTo("Keine Erhöhung bei Risikoklasse D.");
	}

	@Test
	void theAuthorityOfADecreaseNamesNoThreshold() {
		AdjustmentReason routed = new AdjustmentReason(AdjustmentReasonCode.ROUTED_FOR_APPROVAL, "decreases routed",
				"-30000.00 EUR");
		assertThat(ProposalReasons.describe(routed, Locale.ENGLISH))
			.isEqualTo("The decrease of 30,000.00 EUR is routed for approval, as the policy requires.");
		assertThat(ProposalReasons.describe(routed, Locale.GERMAN)).isEqualTo(
				"Die Senkung um 30.000,00 EUR wird zur Genehmigung weitergeleitet, wie die Richtlinie es verlangt.");
		assertThat(ProposalReasons.describe(new AdjustmentReason(AdjustmentReasonCode.WITHIN_AUTOMATIC_AUTHORITY,
				"decreases applied directly", "-300.00 GBP"), Locale.ENGLISH))
			.isEqualTo("The decrease of 300.00 GBP is applied directly, as the policy allows.");
	}

}
