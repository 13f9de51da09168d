package io.creditdesk.graphql;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.InputMapDefinesTooManyFieldsException;
import graphql.execution.NonNullableValueCoercedAsNullException;
import graphql.execution.TypeFromAST;
import graphql.execution.ValuesResolver;
import graphql.language.OperationDefinition;
import graphql.language.VariableDefinition;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.UserError;

/**
 * A variable whose value graphql-java refused before anything ran, told as a person reads
 * it. graphql-java names only the variable ({@code Variable 'input' has an invalid
 * value: ...}, in English before the scalar's sentence) and neither keeps nor reports
 * where inside an input object or list the refused value was. This finds the first
 * refused variable of the operation again, in graphql-java's own order and with its own
 * coercion ({@link ValuesResolver}), narrows it down to the refused input field (unknown
 * keys first, then the fields in schema order, list items in order) and writes the error
 * again:
 * <ul>
 * <li>{@code extensions.variable}: the variable's name; {@code extensions.field}: the
 * path inside the variable as refusals name fields ({@code requestedDeliveryDate},
 * {@code lines[0].amount}), absent when the variable itself is the refused value;</li>
 * <li>a scalar's refusal (one with its {@code extensions.code}, {@link Scalars}): the
 * whole message from the catalogue in the request's language
 * ({@code graphql.variable.invalid}, {@code graphql.variable.invalidField}), the code
 * kept;</li>
 * <li>graphql-java's own refusals (a missing required field, an unknown field, a value of
 * a built-in scalar or enum): their message as graphql-java wrote it.</li>
 * </ul>
 * Classification and locations stay as graphql-java made them.
 */
final class VariableRefusals {

	private VariableRefusals() {
	}

	/** The refused variable, the path inside it (or null) and the refusal found there. */
	record Refusal(String variable, String field, GraphQLError cause) {
	}

	/**
	 * Whether {@code error} is graphql-java's refusal of a variable's value (the request
	 * error that stops an operation before it runs).
	 */
	static boolean isVariableRefusal(GraphQLError error) {
		return error instanceof CoercingParseValueException || error instanceof NonNullableValueCoercedAsNullException
				|| error instanceof InputMapDefinesTooManyFieldsException;
	}

	/**
	 * The first variable of {@code operation} that graphql-java refuses, and where inside
	 * it; empty when every given value coerces.
	 */
	static Optional<Refusal> locate(GraphQLSchema schema, OperationDefinition operation, Map<String, Object> variables,
			GraphQLContext context, Locale language) {
		Coercion coercion = new Coercion(schema, context, language);
		for (VariableDefinition definition : operation.getVariableDefinitions()) {
			String name = definition.getName();
			GraphQLType type = TypeFromAST.getTypeFromAST(schema, definition.getType());
			if (!(type instanceof GraphQLInputType inputType) || !variables.containsKey(name)
					|| variables.get(name) == null) {
				continue;
			}
			Optional<GraphQLError> refused = coercion.refusal(inputType, variables.get(name));
			if (refused.isPresent()) {
				List<String> path = new ArrayList<>();
				GraphQLError cause = coercion.narrow(inputType, variables.get(name), path, refused.get());
				String field = String.join("", path);
				return Optional.of(new Refusal(name, field.isEmpty() ? null : field.replaceFirst("^\\.", ""), cause));
			}
		}
		return Optional.empty();
	}

	/**
	 * {@code error}, graphql-java's refusal of the variable, written again for
	 * {@code refusal} in {@code language}.
	 */
	static GraphQLError rewrite(GraphQLError error, Refusal refusal, Locale language) {
		Map<String, Object> extensions = new LinkedHashMap<>();
		String message = error.getMessage();
		if (refusal.cause() instanceof CoercingParseValueException scalar && scalar.getExtensions() != null
				&& scalar.getExtensions().containsKey("code")) {
			extensions.putAll(scalar.getExtensions());
			message = (refusal.field() != null)
					? MessageCatalogue.render(language, "graphql.variable.invalidField",
							List.of(refusal.variable(), refusal.field(), scalar.getMessage()))
					: MessageCatalogue.render(language, "graphql.variable.invalid",
							List.of(refusal.variable(), scalar.getMessage()));
		}
		else if (error.getExtensions() != null) {
			extensions.putAll(error.getExtensions());
		}
		extensions.put("variable", refusal.variable());
		if (refusal.field() != null) {
			extensions.put("field", refusal.field());
		}
		return GraphqlErrorBuilder.newError()
			.message(UserError.truncate(message, UserError.MAX_MESSAGE_LENGTH))
			.locations(error.getLocations())
			.path(error.getPath())
			.errorType(error.getErrorType())
			.extensions(extensions)
			.build();
	}

	/** graphql-java's coercion of an external (JSON) value, subtree by subtree. */
	private record Coercion(GraphQLSchema schema, GraphQLContext context, Locale language) {

		/**
		 * Why graphql-java refuses {@code value} as {@code type}; empty if it does not.
		 */
		Optional<GraphQLError> refusal(GraphQLInputType type, Object value) {
			try {
				ValuesResolver.externalValueToInternalValue(this.schema.getCodeRegistry().getFieldVisibility(), value,
						type, this.context, this.language);
				return Optional.empty();
			}
			catch (RuntimeException ex) {
				if (ex instanceof GraphQLError error) {
					return Optional.of(error);
				}
				throw ex;
			}
		}

		/**
		 * The refusal of the smallest part of {@code value} that graphql-java refuses,
		 * its path appended to {@code path} ({@code .name}, {@code [index]});
		 * {@code refused} when no part alone is refused.
		 */
		GraphQLError narrow(GraphQLInputType type, Object value, List<String> path, GraphQLError refused) {
			GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
			if (unwrapped instanceof GraphQLInputObjectType object && value instanceof Map<?, ?> map) {
				for (Object key : map.keySet()) {
					if (object.getField(String.valueOf(key)) == null) {
						path.add("." + key);
						return refused;
					}
				}
				for (GraphQLInputObjectField field : object.getFields()) {
					Object fieldValue = map.get(field.getName());
					if (fieldValue == null) {
						if (field.getType() instanceof GraphQLNonNull
								&& (map.containsKey(field.getName()) || !field.hasSetDefaultValue())) {
							path.add("." + field.getName());
							return refused;
						}
						continue;
					}
					Optional<GraphQLError> inField = refusal(field.getType(), fieldValue);
					if (inField.isPresent()) {
						path.add("." + field.getName());
						return narrow(field.getType(), fieldValue, path, inField.get());
					}
				}
				return refused;
			}
			if (unwrapped instanceof GraphQLList list && value instanceof Collection<?> items) {
				GraphQLInputType itemType = (GraphQLInputType) list.getWrappedType();
				int index = 0;
				for (Object item : items) {
					Optional<GraphQLError> inItem = (item != null) ? refusal(itemType, item)
							: (itemType instanceof GraphQLNonNull) ? Optional.of(refused) : Optional.empty();
					if (inItem.isPresent()) {
						path.add("[" + index + "]");
						return narrow(itemType, item, path, inItem.get());
					}
					index++;
				}
				return refused;
			}
			return refused;
		}

	}

}
