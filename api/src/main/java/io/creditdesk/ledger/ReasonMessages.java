package io.creditdesk.ledger;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.MessageCatalogue.Phrase;
import io.creditdesk.policy.EffectivePolicy;

import org.springframework.stereotype.Component;

/**
 * The sentence of a decision's reason in a person's language, from the message catalogue
 * ({@code messages*.properties}, rendered by {@link MessageCatalogue}):
 * {@code reason.<CODE>} with the threshold as {@code {0}} and the actual figure as
 * {@code {1}}, both read back as typed figures ({@link ReasonFigures}) so amounts and day
 * counts read as the reader writes them; {@code reason.<CODE>.setBy} with the policy
 * level that set the threshold as {@code {2}} where the reason names one;
 * {@code reason.<CODE>.increase} with the order's new total as {@code {2}} where the
 * amount checked is the increase of an order (an amendment); the group limit as
 * {@code {2}} and the group's exposure as {@code {3}} where the reason is the credit
 * group's available credit; or {@code reason.<CODE>.brief} where the reason lacks a
 * figure (the sentence would otherwise show a blank).
 */
@Component
class ReasonMessages {

	/**
	 * @param locale the reader's language; null for English
	 */
	String message(CreditReason reason, Locale locale) {
		String key = reason.code().messageKey();
		List<Object> figures = new ArrayList<>();
		figures.add(ReasonFigures.parse(reason.threshold()));
		figures.add(ReasonFigures.parse(reason.actual()));
		if (reason.threshold() == null || reason.actual() == null
				|| (reason.code() == CreditReasonCode.EXCEEDS_GROUP_AVAILABLE_CREDIT && reason.groupLimit() == null)) {
			if (MessageCatalogue.contains(key + ".brief")) {
				return MessageCatalogue.render(locale, key + ".brief", List.of());
			}
		}
		else if (reason.groupLimit() != null && reason.groupExposure() != null) {
			figures.add(ReasonFigures.parse(reason.groupLimit()));
			figures.add(ReasonFigures.parse(reason.groupExposure()));
		}
		else if (reason.total() != null && MessageCatalogue.contains(key + ".increase")) {
			figures.add(ReasonFigures.parse(reason.total()));
			key = key + ".increase";
		}
		else if (reason.setBy() != null && MessageCatalogue.contains(key + ".setBy")) {
			Phrase level = EffectivePolicy.Source.phrase(reason.setBy());
			if (level != null) {
				figures.add(level);
				key = key + ".setBy";
			}
		}
		return MessageCatalogue.render(locale, key, figures);
	}

}
