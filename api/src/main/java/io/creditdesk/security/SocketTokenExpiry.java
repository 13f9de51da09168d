package io.creditdesk.security;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.creditdesk.common.MessageCatalogue;
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
 * ({@code UNAUTHORIZED}: open a new connection with a fresh token), told in the language
 * the socket was opened with (its handshake's {@code Accept-Language}).
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
			if (!expired(expires, this.clock.instant())) {
				return Mono.empty();
			}
			String message = MessageCatalogue.render(SocketRefusals.language(request), "signIn.tokenExpiredOnSocket",
					List.of(expires));
			return SocketRefusals.refuse(request, ErrorType.UNAUTHORIZED, message, Map.of("code", "UNAUTHORIZED"));
		});
	}

	static boolean expired(Instant expiresAt, Instant now) {
		return expiresAt != null && !now.isBefore(expiresAt);
	}

}
