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
		return SocketRefusals.checkEachOperation(request, chain, principal -> {
			Instant expires = (principal instanceof JwtAuthenticationToken jwt) ? jwt.getToken().getExpiresAt() : null;
			return expired(expires, this.clock.instant())
					? SocketRefusals.refuse(request, ErrorType.UNAUTHORIZED,
							"The token this connection was opened with expired at " + expires
									+ ". Open a new connection with a fresh token.",
							Map.of("code", "UNAUTHORIZED"))
					: Mono.empty();
		});
	}

	static boolean expired(Instant expiresAt, Instant now) {
		return expiresAt != null && !now.isBefore(expiresAt);
	}

}
