package io.creditdesk.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.InvalidSyntaxError;
import graphql.execution.UnknownOperationException;
import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentSpread;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.language.TypeName;
import graphql.language.VariableDefinition;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.validation.DocumentVisitor;
import graphql.validation.LanguageTraversal;
import graphql.validation.TraversalContext;
import graphql.validation.ValidationError;
import graphql.validation.ValidationErrorClassification;
import graphql.validation.ValidationErrorType;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.ErrorCode;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.UserError;

/**
 * A document graphql-java refused before anything ran, for what is written in it rather
 * than for a value ({@link ArgumentRefusals}, {@link VariableRefusals}), told as a person
 * reads it. graphql-java's message names no code and reads as its validator's internals
 * ({@code Validation error (FieldUndefined@[customer/nosuch]) : ...}, {@code Invalid
 * syntax with offending token ...}). This writes each such error again with a stable
 * {@code extensions.code}, the thing concerned named in an extension and the catalogue's
 * sentence ({@code graphql.document.*}) in the request's language:
 * <ul>
 * <li>a document that is not GraphQL ({@code InvalidSyntax}): {@code INVALID_SYNTAX},
 * {@code extensions.token} the unexpected token, the sentence with its line and column;
 * characters that make no token at all (an unclosed string, a {@code ~}) are named in
 * {@code extensions.token} too, as graphql-java's lexer read them, an unclosed string
 * told as such;</li>
 * <li>a field the type does not have: {@code UNKNOWN_FIELD}, {@code extensions.field} and
 * {@code extensions.type};</li>
 * <li>an argument the field or directive does not have: {@code UNKNOWN_ARGUMENT},
 * {@code extensions.argument} (the field's arguments listed);</li>
 * <li>an object selected without fields, or a leaf with fields:
 * {@code SELECTION_REQUIRED}, {@code SELECTION_NOT_ALLOWED},
 * {@code extensions.field};</li>
 * <li>a variable used but not declared, or declared but not used:
 * {@code UNKNOWN_VARIABLE}, {@code UNUSED_VARIABLE}, {@code extensions.variable};</li>
 * <li>a type the schema does not have: {@code UNKNOWN_TYPE}, {@code extensions.type}; a
 * fragment spread but not defined: {@code UNKNOWN_FRAGMENT}, {@code extensions.fragment};
 * a directive the schema does not have: {@code UNKNOWN_DIRECTIVE},
 * {@code extensions.directive};</li>
 * <li>which operation to run cannot be told (two with one name, one without a name among
 * others, several and no {@code operationName}): {@code AMBIGUOUS_OPERATION}; an
 * {@code operationName} the document does not have: {@code UNKNOWN_OPERATION};
 * {@code extensions.operation} names it;</li>
 * <li>any other validation error: {@code INVALID_DOCUMENT}, {@code extensions.rule}
 * graphql-java's name of the rule broken, the sentence with its line and column.</li>
 * </ul>
 * Classification and locations stay as graphql-java made them.
 */
final class DocumentRefusals {

	private DocumentRefusals() {
	}

	/** The node each told validation error is located at. */
	private static final Map<ValidationErrorClassification, Class<?>> KINDS = Map.of(ValidationErrorType.FieldUndefined,
			Field.class, ValidationErrorType.SubselectionRequired, Field.class,
			ValidationErrorType.SubselectionNotAllowed, Field.class, ValidationErrorType.UnknownArgument,
			Argument.class, ValidationErrorType.UnknownDirective, Argument.class, ValidationErrorType.UndefinedVariable,
			VariableReference.class, ValidationErrorType.UnusedVariable, VariableDefinition.class,
			ValidationErrorType.UnknownType, TypeName.class, ValidationErrorType.UndefinedFragment,
			FragmentSpread.class, ValidationErrorType.DuplicateOperationName, OperationDefinition.class);

	/** The most characters of an unexpected token {@code extensions.token} holds. */
	private static final int MAX_TOKEN = 60;

	/** The token graphql-java names when the document ends too early. */
	private static final String END = "<EOF>";

	/**
	 * ANTLR's lexer error inside graphql-java's message (in any of its languages:
	 * {@code ... ANTLR error 'token recognition error at: '~'' at line 1 column 3}).
	 */
	private static final Pattern LEXER_ERROR = Pattern.compile("token recognition error at: '(.*)''", Pattern.DOTALL);

	/**
	 * Whether {@code error} is a refusal of the document this tells: a syntax error, a
	 * validation error, or an operation that cannot be chosen. Errors that already carry
	 * a code are left alone.
	 */
	static boolean isDocumentRefusal(GraphQLError error) {
		if (error.getExtensions() != null && error.getExtensions().containsKey("code")) {
			return false;
		}
		return error instanceof InvalidSyntaxError || error instanceof ValidationError
				|| error instanceof UnknownOperationException;
	}

	/**
	 * {@code error} written again in {@code language}; {@code document} is the parsed
	 * document (empty when it does not parse), {@code operationName} the operation the
	 * request asked for.
	 */
	static GraphQLError rewrite(GraphQLError error, GraphQLSchema schema, Optional<Document> document,
			String operationName, Locale language) {
		Told told;
		try {
			told = tell(error, schema, document, operationName, language);
		}
		catch (RuntimeException ex) {
			// Never an internal error for a refused document: the general sentence.
			told = invalid(error, language);
		}
		Map<String, Object> extensions = new LinkedHashMap<>();
		if (error.getExtensions() != null) {
			extensions.putAll(error.getExtensions());
		}
		extensions.put("code", told.code().code());
		extensions.putAll(told.names());
		return GraphqlErrorBuilder.newError()
			.message(UserError.truncate(told.message(), UserError.MAX_MESSAGE_LENGTH))
			.locations(error.getLocations())
			.path(error.getPath())
			.errorType(error.getErrorType())
			.extensions(extensions)
			.build();
	}

	/** The code, the extensions that name what was refused, and the sentence. */
	private record Told(ErrorCode code, Map<String, Object> names, String message) {

		static Told of(ErrorCode code, String extension, String name, String message) {
			Map<String, Object> names = new LinkedHashMap<>();
			if (name != null) {
				names.put(extension, name);
			}
			return new Told(code, names, message);
		}

	}

	private static Told tell(GraphQLError error, GraphQLSchema schema, Optional<Document> document,
			String operationName, Locale language) {
		if (error instanceof InvalidSyntaxError syntax) {
			return syntax(syntax, language);
		}
		if (error instanceof UnknownOperationException) {
			return operation(document, operationName, language);
		}
		ValidationError validation = (ValidationError) error;
		if (document.isEmpty() || error.getLocations() == null || error.getLocations().isEmpty()) {
			return invalid(error, language);
		}
		ValidationErrorClassification type = validation.getValidationErrorType();
		if (type == ValidationErrorType.LoneAnonymousOperationViolation) {
			return Told.of(CommonErrorCode.AMBIGUOUS_OPERATION, "operation", null,
					sentence(language, "anonymousOperation"));
		}
		if (type == ValidationErrorType.UnknownDirective) {
			Located directive = Located.find(schema, document.get(), error.getLocations().get(0), Directive.class);
			if (directive.node() instanceof Directive unknown && schema.getDirective(unknown.getName()) == null) {
				return Told.of(CommonErrorCode.UNKNOWN_DIRECTIVE, "directive", unknown.getName(),
						sentence(language, "unknownDirective", unknown.getName()));
			}
		}
		Class<?> kind = KINDS.get(type);
		if (kind == null) {
			return invalid(error, language);
		}
		Located at = Located.find(schema, document.get(), error.getLocations().get(0), kind);
		Optional<Told> told = Optional.empty();
		if (type == ValidationErrorType.FieldUndefined && at.node() instanceof Field field) {
			String parent = name(at.parentType());
			told = Optional.of(new Told(CommonErrorCode.UNKNOWN_FIELD, names("field", field.getName(), "type", parent),
					sentence(language, "unknownField", parent, field.getName())));
		}
		else if ((type == ValidationErrorType.UnknownArgument || type == ValidationErrorType.UnknownDirective)
				&& at.node() instanceof Argument argument) {
			told = Optional.of(Told.of(CommonErrorCode.UNKNOWN_ARGUMENT, "argument", argument.getName(),
					unknownArgument(at, argument.getName(), language)));
		}
		else if ((type == ValidationErrorType.SubselectionRequired
				|| type == ValidationErrorType.SubselectionNotAllowed) && at.node() instanceof Field field
				&& at.fieldDefinition() != null) {
			boolean required = type == ValidationErrorType.SubselectionRequired;
			told = Optional
				.of(Told.of(required ? CommonErrorCode.SELECTION_REQUIRED : CommonErrorCode.SELECTION_NOT_ALLOWED,
						"field", field.getName(),
						sentence(language, required ? "selectionRequired" : "selectionNotAllowed",
								name(at.parentType()) + "." + field.getName(),
								GraphQLTypeUtil.simplePrint(at.fieldDefinition().getType()))));
		}
		else if (type == ValidationErrorType.UndefinedVariable && at.node() instanceof VariableReference variable) {
			told = Optional.of(Told.of(CommonErrorCode.UNKNOWN_VARIABLE, "variable", variable.getName(),
					sentence(language, "unknownVariable", variable.getName())));
		}
		else if (type == ValidationErrorType.UnusedVariable && at.node() instanceof VariableDefinition variable) {
			told = Optional.of(Told.of(CommonErrorCode.UNUSED_VARIABLE, "variable", variable.getName(),
					sentence(language, "unusedVariable", variable.getName())));
		}
		else if (type == ValidationErrorType.UnknownType && at.node() instanceof TypeName typeName) {
			told = Optional.of(Told.of(CommonErrorCode.UNKNOWN_TYPE, "type", typeName.getName(),
					sentence(language, "unknownType", typeName.getName())));
		}
		else if (type == ValidationErrorType.UndefinedFragment && at.node() instanceof FragmentSpread spread) {
			told = Optional.of(Told.of(CommonErrorCode.UNKNOWN_FRAGMENT, "fragment", spread.getName(),
					sentence(language, "unknownFragment", spread.getName())));
		}
		else if (type == ValidationErrorType.DuplicateOperationName
				&& at.node() instanceof OperationDefinition operation && operation.getName() != null) {
			told = Optional.of(Told.of(CommonErrorCode.AMBIGUOUS_OPERATION, "operation", operation.getName(),
					sentence(language, "duplicateOperation", operation.getName())));
		}
		return told.orElseGet(() -> invalid(error, language));
	}

	/**
	 * A syntax error: where, and the token that was not expected there (or that the
	 * document ended).
	 */
	private static Told syntax(InvalidSyntaxError error, Locale language) {
		SourceLocation at = (error.getLocations() != null && !error.getLocations().isEmpty())
				? error.getLocations().get(0) : null;
		String token = error.getOffendingToken();
		String unreadable = (at != null && (token == null || token.isEmpty())) ? unreadable(error) : null;
		if (unreadable != null) {
			// Characters that make no token: an unclosed string, or ones that are no
			// GraphQL at all.
			String told = unreadable.startsWith("\"") ? sentence(language, "syntaxString", line(at), column(at))
					: sentence(language, "syntaxUnreadable", VariableRefusals.shown(unreadable), line(at), column(at));
			return Told.of(CommonErrorCode.INVALID_SYNTAX, "token", UserError.truncate(unreadable, MAX_TOKEN), told);
		}
		String message;
		if (at == null) {
			message = sentence(language, "syntax");
		}
		else if (END.equals(token)) {
			message = sentence(language, "syntaxEnd", line(at), column(at));
		}
		else if (token == null || token.isEmpty()) {
			message = sentence(language, "syntaxAt", line(at), column(at));
		}
		else {
			message = sentence(language, "syntaxToken", VariableRefusals.shown(token), line(at), column(at));
		}
		return Told.of(CommonErrorCode.INVALID_SYNTAX, "token",
				(token == null || token.isEmpty() || END.equals(token)) ? null : UserError.truncate(token, MAX_TOKEN),
				message);
	}

	/**
	 * The characters graphql-java's lexer could not make a token of, as ANTLR names them
	 * in the message ({@code token recognition error at: '"abc) }'}: graphql-java gives
	 * no offending token for them); null when the message names none.
	 */
	static String unreadable(InvalidSyntaxError error) {
		String message = error.getMessage();
		if (message == null) {
			return null;
		}
		Matcher matcher = LEXER_ERROR.matcher(message);
		return (matcher.find() && !matcher.group(1).isEmpty()) ? matcher.group(1) : null;
	}

	/**
	 * graphql-java's refusal of the request's {@code operationName}: none of the
	 * document's operations has it, or there are several and none was named.
	 */
	private static Told operation(Optional<Document> document, String operationName, Locale language) {
		List<String> names = document
			.map(parsed -> parsed.getDefinitionsOfType(OperationDefinition.class)
				.stream()
				.map(OperationDefinition::getName)
				.filter(Objects::nonNull)
				.toList())
			.orElse(List.of());
		if (operationName == null || operationName.isEmpty()) {
			return Told.of(CommonErrorCode.AMBIGUOUS_OPERATION, "operation", null,
					sentence(language, "operationNameRequired", String.join(", ", names)));
		}
		return Told.of(CommonErrorCode.UNKNOWN_OPERATION, "operation", operationName,
				names.isEmpty() ? sentence(language, "unknownOperation", operationName)
						: sentence(language, "unknownOperationOthers", operationName, String.join(", ", names)));
	}

	/** An argument a field (its arguments listed) or a directive does not have. */
	private static String unknownArgument(Located at, String argument, Locale language) {
		if (at.directive() != null) {
			return sentence(language, "unknownDirectiveArgument", at.directive().getName(), argument);
		}
		if (at.fieldDefinition() == null) {
			return sentence(language, "unknownArgumentOf", argument);
		}
		String field = name(at.parentType()) + "." + at.fieldDefinition().getName();
		List<String> declared = at.fieldDefinition().getArguments().stream().map(GraphQLArgument::getName).toList();
		return declared.isEmpty() ? sentence(language, "unknownArgumentNone", field, argument)
				: sentence(language, "unknownArgument", field, argument, String.join(", ", declared));
	}

	/** Any other validation error: the rule broken, where. */
	private static Told invalid(GraphQLError error, Locale language) {
		String rule = (error instanceof ValidationError validation && validation.getValidationErrorType() != null)
				? validation.getValidationErrorType().toString() : error.getErrorType().toString();
		SourceLocation at = (error.getLocations() != null && !error.getLocations().isEmpty())
				? error.getLocations().get(0) : null;
		String message = (at != null) ? sentence(language, "invalidAt", rule, line(at), column(at))
				: sentence(language, "invalid", rule);
		return Told.of(CommonErrorCode.INVALID_DOCUMENT, "rule", rule, message);
	}

	private static Map<String, Object> names(String key, String name, String otherKey, String other) {
		Map<String, Object> names = new LinkedHashMap<>();
		names.put(key, name);
		names.put(otherKey, other);
		return names;
	}

	private static String sentence(Locale language, String key, Object... figures) {
		return MessageCatalogue.render(language, "graphql.document." + key, List.of(figures));
	}

	/** A line or column as the document counts it: digits, never grouped. */
	private static String line(SourceLocation at) {
		return Integer.toString(at.getLine());
	}

	private static String column(SourceLocation at) {
		return Integer.toString(at.getColumn());
	}

	private static String name(GraphQLCompositeType type) {
		return (type != null) ? type.getName() : "?";
	}

	/**
	 * The node of the document at a location, with what graphql-java's validation knew
	 * there: the type the node sits in, the field's definition, the directive of an
	 * argument. Walked with graphql-java's own {@link TraversalContext} (the one its
	 * validation uses; marked internal, so an upgrade may change it:
	 * {@code DocumentRefusalsIntegrationTests} would tell).
	 */
	private record Located(Node<?> node, GraphQLCompositeType parentType, GraphQLFieldDefinition fieldDefinition,
			GraphQLDirective directive) {

		/**
		 * The first node of {@code kind} at {@code location}; its node null when there is
		 * none.
		 */
		static Located find(GraphQLSchema schema, Document document, SourceLocation location, Class<?> kind) {
			TraversalContext context = new TraversalContext(schema);
			Located[] found = { new Located(null, null, null, null) };
			new LanguageTraversal().traverse(document, new DocumentVisitor() {

				@Override
				public void enter(Node node, List<Node> path) {
					context.enter(node, path);
					if (found[0].node() == null && kind.isInstance(node) && same(node.getSourceLocation(), location)) {
						boolean inDirective = !path.isEmpty() && path.get(path.size() - 1) instanceof Directive;
						found[0] = new Located(node, context.getParentType(), context.getFieldDef(),
								inDirective ? context.getDirective() : null);
					}
				}

				@Override
				public void leave(Node node, List<Node> path) {
					context.leave(node, path);
				}

			});
			return found[0];
		}

		private static boolean same(SourceLocation one, SourceLocation other) {
			return one != null && one.getLine() == other.getLine() && one.getColumn() == other.getColumn();
		}

	}

}
