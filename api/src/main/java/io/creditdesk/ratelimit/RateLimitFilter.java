package io.creditdesk.ratelimit;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.RequestLanguage;
import io.creditdesk.ratelimit.RateLimiter.Admission;
import io.creditdesk.common.GraphQlErrorAnswer;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Admits a signed-in caller's request while its bucket has a point, else answers HTTP 429
 * with {@code Retry-After} (whole seconds until the bucket has a point again) and a
 * GraphQL error {@code RATE_LIMITED} (its message in the caller's
 * {@code Accept-Language}), before anything is parsed or read. The refusal is held back
 * until the bucket has a point again, at most {@link #MAX_HOLD}, on a suspended
 * (asynchronous) request that holds no thread: refusing is cheap, but a client ignoring
 * {@code Retry-After} would otherwise be refused as fast as it can ask, a flood of its
 * own (measured in BENCHMARKS.md, abuse test). Runs inside Spring Security's filter
 * chain, after authentication; requests without a principal (health, refused sign-ins)
 * pass, sign-in failures have their own throttle.
 */
class RateLimitFilter extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(RateLimitFilter.class);

	static final String CODE = "RATE_LIMITED";

	/** The longest a refused request is held before it is answered. */
	static final Duration MAX_HOLD = Duration.ofSeconds(1);

	private final RateLimiter limiter;

	private final MeterRegistry registry;

	private final HeldRefusals holds;

	RateLimitFilter(RateLimiter limiter, MeterRegistry registry, HeldRefusals holds) {
		this.limiter = limiter;
		this.registry = registry;
		this.holds = holds;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		Principals.Caller caller = Principals.of(authentication);
		if (caller == null) {
			chain.doFilter(request, response);
			return;
		}
		Admission admission = this.limiter.admit(caller.name(), caller.roles());
		if (admission.admitted()) {
			chain.doFilter(request, response);
			return;
		}
		long seconds = Math.max(1,
				(admission.waitNanos() + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
		this.registry.counter("creditdesk.rate-limit.refused").increment();
		log.debug("Rate limit: refused a request of {} for {} s", caller.name(), seconds);
		byte[] body = GraphQlErrorAnswer.body(CODE, message(RequestLanguage.of(request), admission.limit(), seconds),
				Map.of("retryAfterSeconds", seconds));
		long holdMillis = Math.min(TimeUnit.NANOSECONDS.toMillis(admission.waitNanos()), MAX_HOLD.toMillis());
		if (holdMillis <= 0 || !request.isAsyncSupported()) {
			refuse(response, seconds, body);
			return;
		}
		// Held back (no thread waits: the request is suspended) until a point is back, at
		// most a second:
		// a client that ignores Retry-After cannot make the service answer it faster than
		// that.
		AsyncContext held = request.startAsync(request, response);
		held.setTimeout(holdMillis + 30_000);
		this.holds.answerLater(() -> {
			try {
				refuse((HttpServletResponse) held.getResponse(), seconds, body);
			}
			catch (IOException | RuntimeException ex) {
				log.debug("Could not answer a held request: {}", ex.toString());
			}
			finally {
				held.complete();
			}
		}, holdMillis);
	}

	/**
	 * The refusal's sentence in {@code language} (English when null): the caller's limit
	 * and when to retry.
	 */
	static String message(Locale language, RateLimitProperties.Limit limit, long seconds) {
		return MessageCatalogue.render(language, "rateLimit.refused",
				List.of(limit.perSecond(), limit.capacity(), seconds));
	}

	private static void refuse(HttpServletResponse response, long seconds, byte[] body) throws IOException {
		response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		GraphQlErrorAnswer.write(response, HttpStatus.TOO_MANY_REQUESTS, body);
	}

}
