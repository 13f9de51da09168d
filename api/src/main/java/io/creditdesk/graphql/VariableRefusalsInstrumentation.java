package io.creditdesk.graphql;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.validation.ValidationError;

import org.springframework.stereotype.Component;

/**
 * Writes graphql-java's refusals of a request again, each with a stable
 * {@code extensions.code} and the catalogue's sentence in the request's language: of an
 * argument written in the document ({@link ArgumentRefusals}), of what else the document
 * says (a syntax error, an unknown field, argument, variable or type, a selection, which
 * operation to run: {@link DocumentRefusals}), and of a variable's value
 * ({@link VariableRefusals}, only an answer that is that one request error). Other errors
 * stay as they are; the document is parsed again only for such an answer (graphql-java
 * hands no parsed document to the end of an execution).
 */
@Component
class VariableRefusalsInstrumentation implements Instrumentation {

	@Override
	public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
			InstrumentationExecutionParameters parameters, InstrumentationState state) {
		List<GraphQLError> errors = result.getErrors();
		if (errors.stream()
			.anyMatch(
					error -> ArgumentRefusals.isArgumentRefusal(error) || DocumentRefusals.isDocumentRefusal(error))) {
			return CompletableFuture.completedFuture(refusals(result, parameters));
		}
		if (errors.size() != 1 || !VariableRefusals.isVariableRefusal(errors.get(0))) {
			return CompletableFuture.completedFuture(result);
		}
		ExecutionInput input = parameters.getExecutionInput();
		Optional<VariableRefusals.Refusal> refusal = operation(input)
			.flatMap(operation -> VariableRefusals.locate(parameters.getSchema(), operation,
					input.getRawVariables().toMap(), input.getGraphQLContext(), input.getLocale()));
		if (refusal.isEmpty()) {
			return CompletableFuture.completedFuture(result);
		}
		GraphQLError rewritten = VariableRefusals.rewrite(errors.get(0), refusal.get(), input.getLocale());
		return CompletableFuture.completedFuture(result.transform(builder -> builder.errors(List.of(rewritten))));
	}

	/**
	 * Each validation error of an argument's literal written again
	 * ({@link ArgumentRefusals}), each other refusal of the document
	 * ({@link DocumentRefusals}), the other errors as they are.
	 */
	private static ExecutionResult refusals(ExecutionResult result, InstrumentationExecutionParameters parameters) {
		ExecutionInput input = parameters.getExecutionInput();
		Optional<Document> document = document(input);
		List<GraphQLError> errors = new ArrayList<>();
		for (GraphQLError error : result.getErrors()) {
			Optional<ArgumentRefusals.Refusal> refusal = (ArgumentRefusals.isArgumentRefusal(error)
					&& document.isPresent()) ? locate(parameters, document.get(), (ValidationError) error)
							: Optional.empty();
			if (refusal.isPresent()) {
				errors.add(ArgumentRefusals.rewrite(error, refusal.get(), input.getLocale()));
			}
			else if (DocumentRefusals.isDocumentRefusal(error)) {
				errors.add(DocumentRefusals.rewrite(error, parameters.getSchema(), document, input.getOperationName(),
						input.getLocale()));
			}
			else {
				errors.add(error);
			}
		}
		return result.transform(builder -> builder.errors(errors));
	}

	/**
	 * The refused argument of {@code error}; empty when it cannot be told better, and
	 * then graphql-java's error stays: a scalar that fails otherwise than with its
	 * refusal never turns a refused literal into an internal error.
	 */
	private static Optional<ArgumentRefusals.Refusal> locate(InstrumentationExecutionParameters parameters,
			Document document, ValidationError error) {
		ExecutionInput input = parameters.getExecutionInput();
		try {
			return ArgumentRefusals.locate(parameters.getSchema(), document, error, input.getGraphQLContext(),
					input.getLocale());
		}
		catch (RuntimeException ex) {
			return Optional.empty();
		}
	}

	private static Optional<Document> document(ExecutionInput input) {
		try {
			return Optional.of(Parser.parse(input.getQuery()));
		}
		catch (InvalidSyntaxException ex) {
			return Optional.empty();
		}
	}

	private static Optional<OperationDefinition> operation(ExecutionInput input) {
		Optional<Document> parsed = document(input);
		if (parsed.isEmpty()) {
			return Optional.empty();
		}
		Document document = parsed.get();
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		String name = input.getOperationName();
		if (name == null || name.isEmpty()) {
			return (operations.size() == 1) ? Optional.of(operations.get(0)) : Optional.empty();
		}
		return operations.stream().filter(operation -> name.equals(operation.getName())).findFirst();
	}

}
