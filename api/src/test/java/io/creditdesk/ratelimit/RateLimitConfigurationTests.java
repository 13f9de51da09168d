package io.creditdesk.ratelimit;

import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitConfigurationTests {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(RateLimitProperties.class)
	static class Properties {

		@Bean
		MeterRegistry registry() {
			return new SimpleMeterRegistry();
		}

	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(Properties.class, RateLimitConfiguration.class);

	@Test
	void onByDefault() {
		this.runner.run(context -> {
			assertThat(context).hasSingleBean(RateLimiter.class).hasSingleBean(RateLimitCostMeter.class);
			assertThat(context.getBean(RateLimitProperties.class).policy().limitFor(List.of("INTEGRATION")).perSecond())
				.isEqualTo(50_000);
		});
	}

	@Test
	void offWhenDisabled() {
		this.runner.withPropertyValues("creditdesk.rate-limit.enabled=false")
			.run(context -> assertThat(context).doesNotHaveBean(RateLimiter.class)
				.doesNotHaveBean(RateLimitCostMeter.class)
				.doesNotHaveBean("rateLimitFilter"));
	}

	@Test
	void limitsPerRoleAreConfigurable() {
		this.runner
			.withPropertyValues("creditdesk.rate-limit.defaults.capacity=500",
					"creditdesk.rate-limit.defaults.per-second=50", "creditdesk.rate-limit.roles.CFO.capacity=9000",
					"creditdesk.rate-limit.roles.CFO.per-second=900")
			.run(context -> {
				RateLimitPolicy policy = context.getBean(RateLimitProperties.class).policy();
				assertThat(policy.limitFor(List.of("SALES"))).isEqualTo(new RateLimitProperties.Limit(500, 50));
				assertThat(policy.limitFor(List.of("CFO"))).isEqualTo(new RateLimitProperties.Limit(9000, 900));
			});
	}

}
