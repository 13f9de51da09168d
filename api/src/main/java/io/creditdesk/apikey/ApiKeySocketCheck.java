package io.creditdesk.apikey;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.SocketRefusals;
import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.stereotype.Component;

/**
 * An API key is checked when a GraphQL WebSocket opens, and again before every operation
 * sent over it: a key revoked (on any instance) or expired while the socket stays open is
 * refused at once ({@code INVALID_API_KEY}, its message in the language the socket was
 * opened with), as it is over HTTP. The key is read by id from the store, not from this
 * instance's cache. A subscription started before the revocation is not cut off; every
 * new operation is refused.
 */
@Component
class ApiKeySocketCheck implements WebGraphQlInterceptor {

	private final ApiKeyStore store;

	private final Clock clock;

	ApiKeySocketCheck(ApiKeyStore store, Clock clock) {
		this.store = store;
		this.clock = clock;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return SocketRefusals.checkEachOperation(request, chain, principal -> {
			if (!(principal instanceof ApiKeyAuthentication signedIn)) {
				return Mono.empty();
			}
			ApiKey now = this.store.byId(((ApiKey) signedIn.getPrincipal()).id());
			return (now != null && now.usableAt(this.clock.instant())) ? Mono.empty()
					: SocketRefusals.refuse(request, ErrorType.UNAUTHORIZED, MessageCatalogue
						.render(SocketRefusals.language(request), "apiKey.invalidOnSocket", List.of()),
							Map.of("code", "INVALID_API_KEY"));
		});
	}

}
