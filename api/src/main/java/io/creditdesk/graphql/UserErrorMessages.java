package io.creditdesk.graphql;

import java.util.Locale;

import io.creditdesk.common.UserError;

import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;

/**
 * A refusal's message in the request's language ({@code Accept-Language}): the
 * catalogue's sentence of the refusal ({@code error.<CODE>},
 * {@code messages*.properties}) rendered again with its figures in that language; English
 * where the catalogue has no such language.
 */
@Controller
class UserErrorMessages {

	@SchemaMapping(typeName = "UserError", field = "message")
	String message(UserError error, Locale locale) {
		return error.message(locale);
	}

}
