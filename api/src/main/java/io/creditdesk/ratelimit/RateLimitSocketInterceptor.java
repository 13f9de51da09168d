package io.creditdesk.ratelimit;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.creditdesk.common.SocketRefusals;
import io.creditdesk.ratelimit.RateLimiter.Admission;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.graphql.execution.ErrorType;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.Authentication;

/**
 * The rate limit for operations sent over a GraphQL WebSocket: the filter sees only the
 * request that opens the socket, so each operation on it is admitted here as an HTTP
 * request is (a point from its caller's bucket, the rest of its cost charged once known)
 * and refused with {@code RATE_LIMITED} and {@code retryAfterSeconds} when the bucket is
 * empty, its message in the language the socket was opened with. One socket is no way
 * around the limit.
 */
class RateLimitSocketInterceptor implements WebGraphQlInterceptor {

	private final RateLimiter limiter;

	private final MeterRegistry registry;

	RateLimitSocketInterceptor(RateLimiter limiter, MeterRegistry registry) {
		this.limiter = limiter;
		this.registry = registry;
	}

	@Override
	public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
		return SocketRefusals.checkEachOperation(request, chain, principal -> {
			Principals.Caller caller = caller(principal);
			if (caller == null) {
				return Mono.empty();
			}
			Admission admission = this.limiter.admit(caller.name(), caller.roles());
			if (admission.admitted()) {
				return Mono.empty();
			}
			long seconds = Math.max(1,
					(admission.waitNanos() + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
			this.registry.counter("creditdesk.rate-limit.refused").increment();
			Map<String, Object> extensions = new LinkedHashMap<>();
			extensions.put("code", RateLimitFilter.CODE);
			extensions.put("retryAfterSeconds", seconds);
			return SocketRefusals.refuse(request, ErrorType.BAD_REQUEST,
					RateLimitFilter.message(SocketRefusals.language(request), admission.limit(), seconds), extensions);
		});
	}

	private static Principals.Caller caller(Principal principal) {
		return (principal instanceof Authentication authentication) ? Principals.of(authentication) : null;
	}

}
