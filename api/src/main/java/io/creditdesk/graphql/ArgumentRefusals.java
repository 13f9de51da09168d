package io.creditdesk.graphql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.CoercedVariables;
import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.Document;
import graphql.language.EnumValue;
import graphql.language.Field;
import graphql.language.FloatValue;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorType;
import io.creditdesk.graphql.VariableRefusals.Kind;
import io.creditdesk.graphql.VariableRefusals.Leaf;

/**
 * An argument written in the document (an inline literal, as the README's examples and
 * GraphiQL write them) that graphql-java's validation refused, told as a person reads it
 * and as {@link VariableRefusals} tells a refused variable. graphql-java's message dumps
 * the literal's syntax tree ({@code ObjectValue{objectFields=[...]}}) and names neither a
 * code nor the refused field. This finds the argument at the error's location again,
 * walks its literal against the argument's input type (unknown fields first, then the
 * fields in schema order, list items in order) and writes the error again with
 * {@code extensions.argument}, {@code extensions.field} (the path inside the argument as
 * refusals name fields), the code ({@code REQUIRED}, {@code UNKNOWN_FIELD},
 * {@code INVALID_VALUE}, or the scalar's own) and the catalogue's sentence
 * ({@code graphql.argument.*}) in the request's language. A required argument left out
 * ({@code MissingFieldArgument}) is {@code REQUIRED} too. Classification and locations
 * stay as graphql-java made them; other validation errors are left as they are.
 */
final class ArgumentRefusals {

	private ArgumentRefusals() {
	}

	/** The refused argument, the path inside it (or null) and what was refused there. */
	record Refusal(String argument, String field, Leaf leaf) {
	}

	/** A literal as a sentence shows it: as it is written in the document. */
	private record Written(String text) {

		@Override
		public String toString() {
			return this.text;
		}

	}

	/**
	 * Whether {@code error} is a validation error of an argument's literal that this can
	 * tell better.
	 */
	static boolean isArgumentRefusal(GraphQLError error) {
		return error instanceof ValidationError validation
				&& (validation.getValidationErrorType() == ValidationErrorType.WrongType
						|| validation.getValidationErrorType() == ValidationErrorType.MissingFieldArgument)
				&& error.getLocations() != null && error.getLocations().size() == 1;
	}

	/**
	 * What {@code error} refused in {@code document}: the argument at its location and
	 * the first refused value inside it; empty when it is not found (a directive's
	 * argument, say) or nothing inside it is refused.
	 */
	static Optional<Refusal> locate(GraphQLSchema schema, Document document, ValidationError error,
			GraphQLContext context, Locale language) {
		SourceLocation location = error.getLocations().get(0);
		Map<String, FragmentDefinition> fragments = new HashMap<>();
		document.getDefinitionsOfType(FragmentDefinition.class)
			.forEach(fragment -> fragments.put(fragment.getName(), fragment));
		Walk walk = new Walk(schema, fragments, location,
				error.getValidationErrorType() == ValidationErrorType.MissingFieldArgument, new HashSet<>());
		for (OperationDefinition operation : document.getDefinitionsOfType(OperationDefinition.class)) {
			GraphQLCompositeType root = switch (operation.getOperation()) {
				case QUERY -> schema.getQueryType();
				case MUTATION -> schema.getMutationType();
				case SUBSCRIPTION -> schema.getSubscriptionType();
			};
			Optional<Found> found = walk.in(root, operation.getSelectionSet());
			if (found.isPresent()) {
				return found.get().refusal(context, language);
			}
		}
		for (FragmentDefinition fragment : fragments.values()) {
			if (schema.getType(fragment.getTypeCondition().getName()) instanceof GraphQLCompositeType type) {
				Optional<Found> found = walk.in(type, fragment.getSelectionSet());
				if (found.isPresent()) {
					return found.get().refusal(context, language);
				}
			}
		}
		return Optional.empty();
	}

	/** {@code error} written again for {@code refusal} in {@code language}. */
	static GraphQLError rewrite(GraphQLError error, Refusal refusal, Locale language) {
		return VariableRefusals.rewrite(error, VariableRefusals.Subject.ARGUMENT, refusal.argument(), refusal.field(),
				refusal.leaf(), language);
	}

	/** The field at the error's location and, for a refused literal, its argument. */
	private record Found(GraphQLFieldDefinition definition, Field field, Argument argument) {

		Optional<Refusal> refusal(GraphQLContext context, Locale language) {
			if (this.argument == null) {
				// A required argument left out: the first one, in schema order.
				for (GraphQLArgument declared : this.definition.getArguments()) {
					if (declared.getType() instanceof GraphQLNonNull && !declared.hasSetDefaultValue()
							&& this.field.getArguments()
								.stream()
								.noneMatch(a -> a.getName().equals(declared.getName()))) {
						return Optional.of(new Refusal(declared.getName(), null,
								new Leaf(Kind.REQUIRED, null, declared.getType(), null)));
					}
				}
				return Optional.empty();
			}
			GraphQLArgument declared = this.definition.getArgument(this.argument.getName());
			if (declared == null) {
				return Optional.empty();
			}
			List<String> path = new ArrayList<>();
			Leaf leaf = new Literals(context, language).narrow(declared.getType(), this.argument.getValue(), path);
			if (leaf == null) {
				return Optional.empty();
			}
			String field = String.join("", path).replaceFirst("^\\.", "");
			return Optional.of(new Refusal(this.argument.getName(), field.isEmpty() ? null : field, leaf));
		}

	}

	/** The document's selections, each field with its definition. */
	private record Walk(GraphQLSchema schema, Map<String, FragmentDefinition> fragments, SourceLocation location,
			boolean wholeField, Set<String> spread) {

		Optional<Found> in(GraphQLCompositeType parent, SelectionSet selections) {
			if (parent == null || selections == null) {
				return Optional.empty();
			}
			for (Selection<?> selection : selections.getSelections()) {
				Optional<Found> found = Optional.empty();
				if (selection instanceof Field field) {
					found = field(parent, field);
				}
				else if (selection instanceof InlineFragment inline) {
					found = in((inline.getTypeCondition() != null) ? composite(inline.getTypeCondition().getName())
							: parent, inline.getSelectionSet());
				}
				else if (selection instanceof FragmentSpread spread) {
					FragmentDefinition fragment = this.fragments.get(spread.getName());
					if (fragment != null && this.spread.add(spread.getName())) {
						found = in(composite(fragment.getTypeCondition().getName()), fragment.getSelectionSet());
					}
				}
				if (found.isPresent()) {
					return found;
				}
			}
			return Optional.empty();
		}

		private Optional<Found> field(GraphQLCompositeType parent, Field field) {
			if (!(parent instanceof GraphQLFieldsContainer container)) {
				return Optional.empty();
			}
			GraphQLFieldDefinition definition = container.getFieldDefinition(field.getName());
			if (definition == null) {
				return Optional.empty();
			}
			if (this.wholeField) {
				if (same(field.getSourceLocation())) {
					return Optional.of(new Found(definition, field, null));
				}
			}
			else {
				for (Argument argument : field.getArguments()) {
					if (same(argument.getSourceLocation())) {
						return Optional.of(new Found(definition, field, argument));
					}
				}
			}
			GraphQLType type = GraphQLTypeUtil.unwrapAll(definition.getType());
			return (type instanceof GraphQLCompositeType composite) ? in(composite, field.getSelectionSet())
					: Optional.empty();
		}

		private GraphQLCompositeType composite(String name) {
			return (this.schema.getType(name) instanceof GraphQLCompositeType type) ? type : null;
		}

		private boolean same(SourceLocation other) {
			return other != null && other.getLine() == this.location.getLine()
					&& other.getColumn() == this.location.getColumn();
		}

	}

	/** A literal checked against an input type as graphql-java's validation checks it. */
	private record Literals(GraphQLContext context, Locale language) {

		/**
		 * What is refused in the smallest part of {@code value}, its path appended to
		 * {@code path} ({@code .name}, {@code [index]}); null when nothing is.
		 */
		Leaf narrow(GraphQLInputType type, Value<?> value, List<String> path) {
			if (value instanceof VariableReference) {
				// A variable's value is judged on its own (VariableRefusals).
				return null;
			}
			if (value == null || value instanceof NullValue) {
				return (type instanceof GraphQLNonNull) ? new Leaf(Kind.REQUIRED, null, type, null) : null;
			}
			GraphQLType unwrapped = GraphQLTypeUtil.unwrapNonNull(type);
			if (unwrapped instanceof GraphQLInputObjectType object) {
				if (!(value instanceof ObjectValue literal)) {
					return new Leaf(Kind.INVALID_VALUE, null, object, written(value));
				}
				for (ObjectField given : literal.getObjectFields()) {
					if (object.getField(given.getName()) == null) {
						path.add("." + given.getName());
						return new Leaf(Kind.UNKNOWN_FIELD, null, object, given.getName());
					}
				}
				for (GraphQLInputObjectField field : object.getFields()) {
					ObjectField given = literal.getObjectFields()
						.stream()
						.filter(candidate -> candidate.getName().equals(field.getName()))
						.findFirst()
						.orElse(null);
					if (given == null) {
						if (field.getType() instanceof GraphQLNonNull && !field.hasSetDefaultValue()) {
							path.add("." + field.getName());
							return new Leaf(Kind.REQUIRED, null, field.getType(), null);
						}
						continue;
					}
					path.add("." + field.getName());
					Leaf inside = narrow(field.getType(), given.getValue(), path);
					if (inside != null) {
						return inside;
					}
					path.remove(path.size() - 1);
				}
				return null;
			}
			if (unwrapped instanceof GraphQLList list) {
				GraphQLInputType itemType = (GraphQLInputType) list.getWrappedType();
				if (!(value instanceof ArrayValue items)) {
					// A single value is read as a list of one.
					return narrow(itemType, value, path);
				}
				int index = 0;
				for (Value<?> item : items.getValues()) {
					path.add("[" + index + "]");
					Leaf inside = narrow(itemType, item, path);
					if (inside != null) {
						return inside;
					}
					path.remove(path.size() - 1);
					index++;
				}
				return null;
			}
			if (unwrapped instanceof GraphQLEnumType enumType) {
				return (value instanceof EnumValue name && enumType.getValue(name.getName()) != null) ? null
						: new Leaf(Kind.INVALID_VALUE, null, enumType, written(value));
			}
			if (unwrapped instanceof GraphQLScalarType scalar) {
				try {
					scalar.getCoercing()
						.parseLiteral(value, CoercedVariables.emptyVariables(), this.context, this.language);
					return null;
				}
				catch (CoercingParseLiteralException ex) {
					return (ex.getExtensions() != null && ex.getExtensions().containsKey("code"))
							? new Leaf(Kind.SCALAR, ex, scalar, written(value))
							: new Leaf(Kind.INVALID_VALUE, ex, scalar, written(value));
				}
			}
			return null;
		}

		/** The value as {@link VariableRefusals#shown} shows it: a text quoted. */
		private static Object written(Value<?> value) {
			if (value instanceof StringValue text) {
				return text.getValue();
			}
			if (value instanceof EnumValue name) {
				return new Written(name.getName());
			}
			if (value instanceof IntValue integer) {
				return new Written(integer.getValue().toString());
			}
			if (value instanceof FloatValue decimal) {
				return new Written(decimal.getValue().toString());
			}
			if (value instanceof BooleanValue bool) {
				return bool.isValue();
			}
			if (value instanceof ObjectValue) {
				return Map.of();
			}
			if (value instanceof ArrayValue) {
				return List.of();
			}
			return new Written(value.getClass().getSimpleName());
		}

	}

}
