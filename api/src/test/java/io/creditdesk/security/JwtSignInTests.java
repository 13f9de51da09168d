package io.creditdesk.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Who a JWT names and whom it is for: the identity claim ({@code sub} unless configured)
 * and the required audience.
 */
class JwtSignInTests {

	private static Jwt jwt(String subject, String preferredUsername) {
		Jwt.Builder jwt = Jwt.withTokenValue("t")
			.header("alg", "RS256")
			.claim("roles", List.of("CREDIT_MANAGER"))
			.issuedAt(Instant.parse("2026-12-01T08:00:00Z"));
		if (subject != null) {
			jwt.subject(subject);
		}
		if (preferredUsername != null) {
			jwt.claim("preferred_username", preferredUsername);
		}
		return jwt.build();
	}

	@Test
	void theSubjectNamesTheCallerNotItsPreferredUsername() {
		SecurityConfiguration.RolesClaimConverter converter = new SecurityConfiguration.RolesClaimConverter("roles",
				"sub");
		assertThat(converter.convert(jwt("5b1c-9e", "carol")).getName()).isEqualTo("5b1c-9e");
		assertThat(converter.convert(jwt("5b1c-9e", "carol")).getAuthorities()).extracting(Object::toString)
			.containsExactly("ROLE_CREDIT_MANAGER");
	}

	@Test
	void anotherIdentityClaimIsAnOptIn() {
		SecurityConfiguration.RolesClaimConverter converter = new SecurityConfiguration.RolesClaimConverter("roles",
				"preferred_username");
		assertThat(converter.convert(jwt("5b1c-9e", "carol")).getName()).isEqualTo("carol");
		// Without the claim the token is refused, never named by another claim.
		assertThatThrownBy(() -> converter.convert(jwt("5b1c-9e", null)))
			.isInstanceOf(InvalidBearerTokenException.class);
	}

	@Test
	void jwtModeDoesNotStartWithoutAnAudience() {
		assertThatThrownBy(() -> new JwtProperties(null, "sub").requiredAudience())
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining("creditdesk.security.jwt.audience");
		assertThatThrownBy(() -> new JwtProperties(" ", "sub").requiredAudience())
			.isInstanceOf(InvalidConfigurationPropertyValueException.class);
		assertThat(new JwtProperties(" creditdesk ", "sub").requiredAudience()).isEqualTo("creditdesk");
		assertThat(JwtProperties.names(List.of("payroll", "creditdesk"), "creditdesk")).isTrue();
		assertThat(JwtProperties.names(List.of("payroll"), "creditdesk")).isFalse();
		assertThat(JwtProperties.names(null, "creditdesk")).isFalse();
	}

	/**
	 * With the packaged {@code prod} configuration and no {@code OAUTH2_AUDIENCE} the
	 * service refuses to start, naming the setting; with it, the validator refuses tokens
	 * for other audiences.
	 */
	@Test
	void theProdProfileNeedsAnAudience() {
		ApplicationContextRunner prod = new ApplicationContextRunner()
			.withInitializer(context -> shipped(context.getEnvironment()))
			.withUserConfiguration(Properties.class, JwtAudienceConfiguration.class);
		prod.run(context -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining("creditdesk.security.jwt.audience"));
		prod.withPropertyValues("OAUTH2_AUDIENCE=creditdesk").run(context -> {
			@SuppressWarnings("unchecked")
			OAuth2TokenValidator<Jwt> validator = context.getBean(OAuth2TokenValidator.class);
			assertThat(validator.validate(withAudience(List.of("creditdesk"))).hasErrors()).isFalse();
			assertThat(validator.validate(withAudience(List.of("payroll"))).hasErrors()).isTrue();
		});
	}

	private static Jwt withAudience(List<String> audience) {
		return Jwt.withTokenValue("t").header("alg", "RS256").subject("s").audience(audience).build();
	}

	private static void shipped(ConfigurableEnvironment environment) {
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
		try {
			for (PropertySource<?> source : yaml.load("prod", new ClassPathResource("application-prod.yml"))) {
				environment.getPropertySources().addLast(source);
			}
			for (PropertySource<?> source : yaml.load("default", new ClassPathResource("application.yml"))) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(JwtProperties.class)
	static class Properties {

	}

}
