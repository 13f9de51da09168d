package io.creditdesk.ledger;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The sentence of a decision's reason in a person's language, from the message catalogue
 * ({@code messages*.properties}): {@code reason.<CODE>} with the threshold as {@code {0}}
 * and the actual figure as {@code {1}}, or {@code reason.<CODE>.brief} where the reason
 * lacks a figure (the sentence would otherwise show a blank).
 */
@Component
class ReasonMessages {

	private final MessageSource messages;

	ReasonMessages(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * @param locale the reader's language; null for English
	 */
	String message(CreditReason reason, Locale locale) {
		Locale language = (locale != null) ? locale : Locale.ENGLISH;
		Object[] figures = { reason.threshold(), reason.actual() };
		String key = reason.code().messageKey();
		if (reason.threshold() == null || reason.actual() == null) {
			String brief = this.messages.getMessage(key + ".brief", figures, null, language);
			if (brief != null) {
				return brief;
			}
		}
		return this.messages.getMessage(key, figures, language);
	}

}
