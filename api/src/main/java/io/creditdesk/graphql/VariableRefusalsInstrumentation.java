package io.creditdesk.graphql;

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

import org.springframework.stereotype.Component;

/**
 * Writes graphql-java's refusal of a variable's value again ({@link VariableRefusals}):
 * the message in the request's language, the refused field inside the variable. Only an
 * answer that is that one request error is touched; the document is parsed again then,
 * and only then (graphql-java hands no parsed document to the end of an execution).
 */
@Component
class VariableRefusalsInstrumentation implements Instrumentation {

	@Override
	public CompletableFuture<ExecutionResult> instrumentExecutionResult(ExecutionResult result,
			InstrumentationExecutionParameters parameters, InstrumentationState state) {
		List<GraphQLError> errors = result.getErrors();
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

	private static Optional<OperationDefinition> operation(ExecutionInput input) {
		Document document;
		try {
			document = Parser.parse(input.getQuery());
		}
		catch (InvalidSyntaxException ex) {
			return Optional.empty();
		}
		List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
		String name = input.getOperationName();
		if (name == null || name.isEmpty()) {
			return (operations.size() == 1) ? Optional.of(operations.get(0)) : Optional.empty();
		}
		return operations.stream().filter(operation -> name.equals(operation.getName())).findFirst();
	}

}
