package io.creditdesk.dynamiclimit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.creditdesk.common.MessageCatalogue;

/**
 * The sentence of a proposal's reason in a person's language, from the message catalogue:
 * {@code adjustment.<CODE>} with the threshold the policy allows as {@code {0}} and what
 * the customer has as {@code {1}}, both read back as typed figures
 * ({@link ProposalFigures}) so amounts, days and percentages read as the reader writes
 * them; {@code adjustment.<CODE>.decrease} for the authority of a decrease, which names
 * no threshold and the decrease without its sign.
 */
final class ProposalReasons {

	private ProposalReasons() {
	}

	/**
	 * @param language the reader's language; null for English
	 */
	static String describe(AdjustmentReason reason, Locale language) {
		String key = "adjustment." + reason.code().name();
		List<Object> figures = new ArrayList<>();
		figures.add(ProposalFigures.parse(reason.threshold()));
		figures.add(ProposalFigures.parse(reason.actual()));
		boolean authority = reason.code() == AdjustmentReasonCode.WITHIN_AUTOMATIC_AUTHORITY
				|| reason.code() == AdjustmentReasonCode.ROUTED_FOR_APPROVAL;
		if (authority && reason.actual() != null && reason.actual().startsWith("-")) {
			// "The decrease of 300.00 EUR": the word says which way, the figure how much.
			key = key + ".decrease";
			figures.set(1, ProposalFigures.parse(reason.actual().substring(1)));
		}
		return MessageCatalogue.render(language, key, figures);
	}

}
