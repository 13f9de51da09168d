package io.creditdesk.security;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import io.creditdesk.common.SocketRefusals;
import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.graphql.server.WebSocketGraphQlRequest;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;

/**
 * A JWT is checked when a GraphQL WebSocket opens; its expiry is checked again before
 * every operation sent over it, so a socket is not a way to outlive the token
 * ({@code UNAUTHORIZED}: open a new connection with a fresh token).
 */
@Component
class SocketTokenExpiry implements WebGraphQlInterceptor {

	private final Clock clock;

	SocketTokenExpiry(Clock clock) {
		this.clock = clock;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		if (!(request instanceof WebSocketGraphQlRequest socket)) {
			return chain.next(request);
		}
		return socket.getSessionInfo()
			.getPrincipal()
			.filter(JwtAuthenticationToken.class::isInstance)
			.flatMap(principal -> Mono.justOrEmpty(((JwtAuthenticationToken) principal).getToken().getExpiresAt()))
			.filter(expires -> expired(expires, this.clock.instant()))
			.flatMap(expired -> SocketRefusals.refuse(request, ErrorType.UNAUTHORIZED,
					"The token this connection was opened with expired at " + expired
							+ ". Open a new connection with a fresh token.",
					Map.<String, Object>of("code", "UNAUTHORIZED")))
			.switchIfEmpty(Mono.defer(() -> chain.next(request)));
	}

	static boolean expired(Instant expiresAt, Instant now) {
		return expiresAt != null && !now.isBefore(expiresAt);
	}

}
