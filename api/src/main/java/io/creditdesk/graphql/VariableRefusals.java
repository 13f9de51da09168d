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
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import io.creditdesk.common.CommonErrorCode;
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
 * <li>graphql-java's own refusals, in the same way: a required value missing or null
 * ({@code REQUIRED}), a field the input object does not have ({@code UNKNOWN_FIELD}, the
 * fields it has listed), a value of a built-in scalar or an enum that is none
 * ({@code INVALID_VALUE}, the enum's values listed).</li>
 * </ul>
 * Classification and locations stay as graphql-java made them.
 */
final class VariableRefusals {

	private VariableRefusals() {
	}

	/** What was refused where the path inside the variable ends. */
	enum Kind {

		/** A value one of this service's scalars refused (its code and sentence). */
		SCALAR,

		/** A required value missing or null. */
		REQUIRED,

		/** A field the input object does not have. */
		UNKNOWN_FIELD,

		/** A value of a built-in scalar or an enum that is none. */
		INVALID_VALUE

	}

	/**
	 * What was refused: its kind, graphql-java's refusal of it, the type it was coerced
	 * to (for an unknown field, the input object) and the value (for an unknown field,
	 * its name).
	 */
	record Leaf(Kind kind, GraphQLError cause, GraphQLType type, Object value) {

		static Leaf of(GraphQLError cause, GraphQLType type, Object value) {
			if (cause instanceof CoercingParseValueException scalar && scalar.getExtensions() != null
					&& scalar.getExtensions().containsKey("code")) {
				return new Leaf(Kind.SCALAR, cause, type, value);
			}
			if (cause instanceof NonNullableValueCoercedAsNullException) {
				return new Leaf(Kind.REQUIRED, cause, type, value);
			}
			if (cause instanceof InputMapDefinesTooManyFieldsException) {
				return new Leaf(Kind.UNKNOWN_FIELD, cause, type, null);
			}
			return new Leaf(Kind.INVALID_VALUE, cause, type, value);
		}

	}

	/** The refused variable, the path inside it (or null) and what was refused there. */
	record Refusal(String variable, String field, Leaf leaf) {
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
			if (!(type instanceof GraphQLInputType inputType)) {
				continue;
			}
			if (!variables.containsKey(name) || variables.get(name) == null) {
				// A required variable left out or null (graphql-java's own order: the
				// variables as the operation declares them).
				if (type instanceof GraphQLNonNull && definition.getDefaultValue() == null) {
					return Optional.of(new Refusal(name, null, new Leaf(Kind.REQUIRED, null, type, null)));
				}
				continue;
			}
			Optional<GraphQLError> refused = coercion.refusal(inputType, variables.get(name));
			if (refused.isPresent()) {
				List<String> path = new ArrayList<>();
				Leaf leaf = coercion.narrow(inputType, variables.get(name), path, refused.get());
				String field = String.join("", path);
				return Optional.of(new Refusal(name, field.isEmpty() ? null : field.replaceFirst("^\\.", ""), leaf));
			}
		}
		return Optional.empty();
	}

	/**
	 * {@code error}, graphql-java's refusal of the variable, written again for
	 * {@code refusal} in {@code language}: a stable {@code extensions.code} (the
	 * scalar's, or {@code REQUIRED}, {@code UNKNOWN_FIELD}, {@code INVALID_VALUE}) and a
	 * sentence from the catalogue.
	 */
	static GraphQLError rewrite(GraphQLError error, Refusal refusal, Locale language) {
		return rewrite(error, Subject.VARIABLE, refusal.variable(), refusal.field(), refusal.leaf(), language);
	}

	/**
	 * What holds the refused value: a variable or an argument written in the document; it
	 * names the sentences ({@code graphql.variable.*}, {@code graphql.argument.*}) and
	 * the extension that names it.
	 */
	enum Subject {

		VARIABLE("variable", "requiredVariable"), ARGUMENT("argument", "requiredArgument");

		private final String extension;

		private final String requiredWhole;

		Subject(String extension, String requiredWhole) {
			this.extension = extension;
			this.requiredWhole = requiredWhole;
		}

		String key(String sentence) {
			return "graphql." + this.extension + "." + sentence;
		}

	}

	/**
	 * {@code error}, graphql-java's refusal of the value of {@code name} (a variable or
	 * an argument), written again in {@code language}: a stable {@code extensions.code}
	 * (the scalar's, or {@code REQUIRED}, {@code UNKNOWN_FIELD}, {@code INVALID_VALUE}),
	 * the name and the field inside it, and a sentence from the catalogue.
	 */
	static GraphQLError rewrite(GraphQLError error, Subject subject, String name, String field, Leaf leaf,
			Locale language) {
		Map<String, Object> extensions = new LinkedHashMap<>();
		if (error.getExtensions() != null) {
			extensions.putAll(error.getExtensions());
		}
		String message = switch (leaf.kind()) {
			case SCALAR -> {
				extensions.putAll(leaf.cause().getExtensions());
				yield invalid(subject, language, name, field, leaf.cause().getMessage());
			}
			case REQUIRED -> {
				extensions.put("code", CommonErrorCode.REQUIRED.code());
				yield (field != null) ? MessageCatalogue.render(language, subject.key("required"), List.of(name, field))
						: MessageCatalogue.render(language, subject.key(subject.requiredWhole), List.of(name));
			}
			case UNKNOWN_FIELD -> {
				extensions.put("code", CommonErrorCode.UNKNOWN_FIELD.code());
				GraphQLInputObjectType object = (GraphQLInputObjectType) leaf.type();
				yield MessageCatalogue.render(language, subject.key("unknownField"), List.of(name,
						String.valueOf(field), object.getName(),
						String.join(", ", object.getFields().stream().map(GraphQLInputObjectField::getName).toList())));
			}
			case INVALID_VALUE -> {
				extensions.put("code", CommonErrorCode.INVALID_VALUE.code());
				GraphQLType type = GraphQLTypeUtil.unwrapNonNull(leaf.type());
				String sentence = (type instanceof GraphQLEnumType enumType)
						? MessageCatalogue
							.render(language, "graphql.value.notInEnum", List.of(shown(leaf.value()), String.join(", ",
									enumType.getValues().stream().map(GraphQLEnumValueDefinition::getName).toList())))
						: MessageCatalogue.render(language, "graphql.value.notOfType",
								List.of(shown(leaf.value()), GraphQLTypeUtil.simplePrint(type)));
				yield invalid(subject, language, name, field, sentence);
			}
		};
		extensions.put(subject.extension, name);
		if (field != null) {
			extensions.put("field", field);
		}
		else {
			extensions.remove("field");
		}
		return GraphqlErrorBuilder.newError()
			.message(UserError.truncate(message, UserError.MAX_MESSAGE_LENGTH))
			.locations(error.getLocations())
			.path(error.getPath())
			.errorType(error.getErrorType())
			.extensions(extensions)
			.build();
	}

	private static String invalid(Subject subject, Locale language, String name, String field, String sentence) {
		return (field != null)
				? MessageCatalogue.render(language, subject.key("invalidField"), List.of(name, field, sentence))
				: MessageCatalogue.render(language, subject.key("invalid"), List.of(name, sentence));
	}

	/**
	 * A refused value as a sentence shows it: a text in quotes (at most 60 characters,
	 * control characters as {@code ?}), an object or list by its kind, anything else as
	 * JSON writes it.
	 */
	static String shown(Object value) {
		if (value instanceof String text) {
			String cut = (text.length() > 60) ? text.substring(0, 60) + "…" : text;
			StringBuilder shown = new StringBuilder("'");
			cut.codePoints().forEach(c -> shown.appendCodePoint(Character.isISOControl(c) ? '?' : c));
			return shown.append('\'').toString();
		}
		if (value instanceof Map<?, ?>) {
			return "{…}";
		}
		if (value instanceof Collection<?>) {
			return "[…]";
		}
		return String.valueOf(value);
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
		 * What is refused in the smallest part of {@code value} that graphql-java
		 * refuses, its path appended to {@code path} ({@code .name}, {@code [index]});
		 * {@code refused} of the whole when no part alone is refused.
		 */
		Leaf narrow(GraphQLInputType type, Object value, List<String> path, GraphQLError refused) {
			GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
			if (unwrapped instanceof GraphQLInputObjectType object && value instanceof Map<?, ?> map) {
				for (Object key : map.keySet()) {
					if (object.getField(String.valueOf(key)) == null) {
						path.add("." + key);
						return new Leaf(Kind.UNKNOWN_FIELD, refused, object, key);
					}
				}
				for (GraphQLInputObjectField field : object.getFields()) {
					Object fieldValue = map.get(field.getName());
					if (fieldValue == null) {
						if (field.getType() instanceof GraphQLNonNull
								&& (map.containsKey(field.getName()) || !field.hasSetDefaultValue())) {
							path.add("." + field.getName());
							return new Leaf(Kind.REQUIRED, refused, field.getType(), null);
						}
						continue;
					}
					Optional<GraphQLError> inField = refusal(field.getType(), fieldValue);
					if (inField.isPresent()) {
						path.add("." + field.getName());
						return narrow(field.getType(), fieldValue, path, inField.get());
					}
				}
				return Leaf.of(refused, type, value);
			}
			if (unwrapped instanceof GraphQLList list && value instanceof Collection<?> items) {
				GraphQLInputType itemType = (GraphQLInputType) list.getWrappedType();
				int index = 0;
				for (Object item : items) {
					if (item == null && itemType instanceof GraphQLNonNull) {
						path.add("[" + index + "]");
						return new Leaf(Kind.REQUIRED, refused, itemType, null);
					}
					Optional<GraphQLError> inItem = (item != null) ? refusal(itemType, item) : Optional.empty();
					if (inItem.isPresent()) {
						path.add("[" + index + "]");
						return narrow(itemType, item, path, inItem.get());
					}
					index++;
				}
				return Leaf.of(refused, type, value);
			}
			return Leaf.of(refused, type, value);
		}
	}

}
