package io.creditdesk.bureau;

import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class BureauConfigurationTests {

	/**
	 * What the application provides: the settings (scanned there), a JSON mapper and a
	 * clock.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(BureauProperties.class)
	static class ApplicationBeans {

	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(ApplicationBeans.class, BureauConfiguration.class)
		.withBean(JsonMapper.class, () -> JsonMapper.builder().build())
		.withBean(Clock.class, Clock::systemUTC);

	@Test
	void withoutABaseUrlNoBureauIsConfigured() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(CreditBureau.class);
			assertThat(context.getBean(BureauProperties.class).configured()).isFalse();
		});
	}

	@Test
	void aBaseUrlWithCredentialsConfiguresTheHttpConnector() {
		this.runner
			.withPropertyValues("creditdesk.bureau.base-url=https://bureau.example.com/v1",
					"creditdesk.bureau.username=creditdesk", "creditdesk.bureau.password=s3cret",
					"creditdesk.bureau.read-timeout=3s", "creditdesk.bureau.max-attempts=2")
			.run((context) -> {
				assertThat(context).hasSingleBean(CreditBureau.class);
				assertThat(context.getBean(CreditBureau.class)).isInstanceOf(HttpCreditBureau.class);
				BureauProperties settings = context.getBean(BureauProperties.class);
				assertThat(settings.readTimeout()).hasSeconds(3);
				assertThat(settings.maxAttempts()).isEqualTo(2);
				assertThat(settings.breakerOpenFor()).hasSeconds(60);
				assertThat(settings.toString()).doesNotContain("s3cret");
			});
	}

	@Test
	void environmentVariablesAreSpelledTheSpringBootWay() {
		Map<String, Object> environment = Map.of("CREDITDESK_BUREAU_BASEURL", "https://bureau.example.com/v1",
				"CREDITDESK_BUREAU_USERNAME", "creditdesk", "CREDITDESK_BUREAU_PASSWORD", "s3cret",
				"CREDITDESK_BUREAU_READTIMEOUT", "7s");
		this.runner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								environment)))
			.run((context) -> {
				assertThat(context).hasSingleBean(CreditBureau.class);
				assertThat(context.getBean(BureauProperties.class).readTimeout()).hasSeconds(7);
			});
	}

	@Test
	void aBaseUrlWithoutCredentialsStopsTheStartWithAClearMessage() {
		this.runner.withPropertyValues("creditdesk.bureau.base-url=https://bureau.example.com/v1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("creditdesk.bureau.username and creditdesk.bureau.password are required");
		});
	}

}
