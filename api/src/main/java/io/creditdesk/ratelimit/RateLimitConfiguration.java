package io.creditdesk.ratelimit;

import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.access.intercept.AuthorizationFilter;

/**
 * The rate limits, on unless {@code creditdesk.rate-limit.enabled=false}. The filter
 * joins every security filter chain through a {@code Customizer<HttpSecurity>} (applied
 * by Spring Security to each chain it builds), after authorization: a request is charged
 * once its caller is known and allowed in. It is deliberately not a bean of its own,
 * which Spring Boot would also register as a servlet filter outside the chain.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "creditdesk.rate-limit.enabled", havingValue = "true", matchIfMissing = true)
class RateLimitConfiguration {

	@Bean
	RateLimiter rateLimiter(RateLimitProperties properties) {
		return new RateLimiter(properties.policy(), TimeMeter.SYSTEM_NANOTIME);
	}

	@Bean
	RateLimitCostMeter rateLimitCostMeter(RateLimiter limiter) {
		return new RateLimitCostMeter(limiter);
	}

	@Bean
	HeldRefusals heldRefusals() {
		return new HeldRefusals();
	}

	/** The same limit for each operation sent over a GraphQL WebSocket. */
	@Bean
	RateLimitSocketInterceptor rateLimitSocketInterceptor(RateLimiter limiter, MeterRegistry registry) {
		return new RateLimitSocketInterceptor(limiter, registry);
	}

	@Bean
	Customizer<HttpSecurity> rateLimitFilter(RateLimiter limiter, MeterRegistry registry, HeldRefusals held) {
		return http -> http.addFilterAfter(new RateLimitFilter(limiter, registry, held), AuthorizationFilter.class);
	}

}
