package io.creditdesk.graphql;

import java.util.Locale;

import io.creditdesk.common.UserError;

import org.springframework.context.MessageSource;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * A refusal's message in the request's language: the catalogue's {@code error.<CODE>} for
 * that language ({@code {0}} the field) where it has one, otherwise the sentence the
 * service wrote, which is English and names the figures of the case. The English
 * catalogue has no {@code error.} keys on purpose: a generic sentence would only lose
 * those figures.
 */
@Controller
class UserErrorMessages {

	private final MessageSource messages;

	UserErrorMessages(MessageSource messages) {
		this.messages = messages;
	}

	@SchemaMapping(typeName = "UserError", field = "message")
	String message(UserError error, Locale locale) {
		if (locale == null || error.code() == null) {
			return error.message();
		}
		// No default message here: Spring would run the service's sentence through
		// MessageFormat too,
		// which eats its quotes ('abc') and braces.
		String translated = this.messages.getMessage(error.code().messageKey(), new Object[] { error.field() }, null,
				locale);
		return (translated != null) ? translated : error.message();
	}

}
