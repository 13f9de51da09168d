package io.creditdesk.common;

import java.security.Principal;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import graphql.ExecutionResult;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor.Chain;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.graphql.support.DefaultExecutionGraphQlResponse;

/**
 * The answer to an operation refused before it runs on a GraphQL WebSocket, where no HTTP
 * status can say it: one error with its stable code in {@code extensions}, as the HTTP
 * path answers the same refusal in its body.
 */
public final class SocketRefusals {

	private SocketRefusals() {
	}

	/**
	 * For an operation sent over a WebSocket: {@code refusal} of the socket's signed-in
	 * principal decides whether it runs (empty) or is refused (the answer); any other
	 * request, or a socket without a principal, goes on down the chain.
	 */
	public static Mono<WebGraphQlResponse> checkEachOperation(WebGraphQlRequest request, Chain chain,
			Function<Principal, Mono<WebGraphQlResponse>> refusal) {
		if (!(request instanceof WebSocketGraphQlRequest socket)) {
			return chain.next(request);
		}
		return socket.getSessionInfo()
			.getPrincipal()
			.flatMap(refusal)
			.switchIfEmpty(Mono.defer(() -> chain.next(request)));
	}

	/**
	 * The language of an operation sent over a WebSocket: the {@code Accept-Language} of
	 * the handshake that opened it (a browser sends its own), null (English) without one.
	 * Spring GraphQL gives such an operation no locale of its own.
	 */
	public static Locale language(WebGraphQlRequest request) {
		return RequestLanguage.of(request.getHeaders());
	}

	/** {@code request} answered with one error and no data. */
	public static Mono<WebGraphQlResponse> refuse(WebGraphQlRequest request, ErrorType type, String message,
			Map<String, Object> extensions) {
		GraphQLError error = GraphqlErrorBuilder.newError()
			.message(message)
			.errorType(type)
			.extensions(extensions)
			.build();
		ExecutionResult result = ExecutionResult.newExecutionResult().addError(error).build();
		return Mono
			.just(new WebGraphQlResponse(new DefaultExecutionGraphQlResponse(request.toExecutionInput(), result)));
	}

}
