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
			.isEqualTo("The increase to 37500.00 EUR is cut to the largest step up, 31250.00 EUR.");
	}

	@Test
	void theAuthorityOfADecreaseNamesNoThreshold() {
		AdjustmentReason routed = new AdjustmentReason(AdjustmentReasonCode.ROUTED_FOR_APPROVAL, "decreases routed",
				"-30000.00 EUR");
		assertThat(ProposalReasons.describe(routed, Locale.ENGLISH))
			.isEqualTo("The decrease of -30000.00 EUR is routed for approval, as the policy requires.");
	}

}
