package io.creditdesk.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.UserError;
import io.creditdesk.common.WorkDeadline;

import org.springframework.graphql.data.method.annotation.GraphQlExceptionHandler;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationCredentialsNotFoundException;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.web.bind.annotation.ControllerAdvice;

/**
 * Maps exceptions that escape a data fetcher to GraphQL errors: a small stable
 * {@code classification} plus a stable {@code extensions.code}. Refusals of mutations
 * never get here: they are returned as {@code userErrors} in the payload.
 */
@ControllerAdvice
class GraphQlErrors {

	@GraphQlExceptionHandler
	GraphQLError refused(CreditDeskException ex, DataFetchingEnvironment env) {
		UserError first = ex.errors().get(0);
		Map<String, Object> extensions = new LinkedHashMap<>();
		extensions.put("code", first.code().code());
		if (first.field() != null) {
			extensions.put("field", first.field());
		}
		return GraphqlErrorBuilder.newError(env)
			.errorType(ErrorType.BAD_REQUEST)
			.message(first.message(env.getLocale()))
			.extensions(extensions)
			.build();
	}

	/**
	 * A data fetcher stopped at its deadline; the execution is cancelled and answers one
	 * QUERY_TIMEOUT error.
	 */
	@GraphQlExceptionHandler
	GraphQLError timedOut(WorkDeadline.Exceeded ex, DataFetchingEnvironment env) {
		return GraphqlErrorBuilder.newError(env)
			.errorType(ErrorType.INTERNAL_ERROR)
			.message(QueryLimitsInstrumentation.timeoutMessage(ex.budget(), env.getLocale()))
			.extensions(Map.of("code", QueryLimitsInstrumentation.TIMEOUT_CODE))
			.build();
	}

	@GraphQlExceptionHandler({ AuthenticationCredentialsNotFoundException.class,
			InsufficientAuthenticationException.class })
	GraphQLError unauthorized(Exception ex, DataFetchingEnvironment env) {
		return GraphqlErrorBuilder.newError(env)
			.errorType(ErrorType.UNAUTHORIZED)
			.message(MessageCatalogue.render(env.getLocale(), "graphql.unauthorized", List.of()))
			.extensions(Map.of("code", "UNAUTHORIZED"))
			.build();
	}

	@GraphQlExceptionHandler
	GraphQLError forbidden(AccessDeniedException ex, DataFetchingEnvironment env) {
		return GraphqlErrorBuilder.newError(env)
			.errorType(ErrorType.FORBIDDEN)
			.message(forbiddenMessage(env))
			.extensions(Map.of("code", "FORBIDDEN"))
			.build();
	}

	/**
	 * The {@code FORBIDDEN} sentence in the request's language: a mutation is run, a
	 * query's field is read, another type's field read with its type
	 * ({@code Customer.effectivePolicy}).
	 */
	static String forbiddenMessage(DataFetchingEnvironment env) {
		String type = env.getParentType() instanceof graphql.schema.GraphQLNamedType named ? named.getName() : "";
		String field = env.getField().getName();
		return switch (type) {
			case "Mutation" -> MessageCatalogue.render(env.getLocale(), "graphql.forbidden.run", List.of(field));
			case "Query" -> MessageCatalogue.render(env.getLocale(), "graphql.forbidden.read", List.of(field));
			default -> MessageCatalogue.render(env.getLocale(), "graphql.forbidden.read", List.of(type + "." + field));
		};
	}

}
