package io.creditdesk.graphql;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.server.support.SerializableGraphQlRequest;

/**
 * The text fields of a GraphQL request body, {@code query} and {@code operationName}, are
 * read only from a JSON string. Jackson would coerce a number or a boolean to its text,
 * so {@code {"query": 1}} ran the document {@code 1} and answered {@code INVALID_SYNTAX};
 * now any value that is no string (number, boolean, object, array) makes the body
 * unreadable, and {@link UnreadableRequestResolver} answers {@code INVALID_REQUEST}
 * naming the field, as it answers a {@code variables} that is no object. A {@code null}
 * stays as it was (no operation name; no query is refused as a body without one).
 */
@Configuration(proxyBeanMethods = false)
class GraphQlRequestFields {

	@Bean
	JsonMapperBuilderCustomizer stringsOnlyForQueryAndOperationName() {
		return builder -> builder.addMixIn(SerializableGraphQlRequest.class, StrictTextFields.class);
	}

	/** The setters of {@link SerializableGraphQlRequest} whose values must be strings. */
	abstract static class StrictTextFields {

		@JsonDeserialize(using = StringOnly.class)
		abstract void setQuery(String query);

		@JsonDeserialize(using = StringOnly.class)
		abstract void setOperationName(String operationName);

	}

	/** A JSON string as it is; any other value is refused, never coerced. */
	static final class StringOnly extends ValueDeserializer<String> {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			if (parser.currentToken() == JsonToken.VALUE_STRING) {
				return parser.getString();
			}
			return (String) context.handleUnexpectedToken(String.class, parser);
		}

	}

}
