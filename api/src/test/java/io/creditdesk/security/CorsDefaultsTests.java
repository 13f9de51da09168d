package io.creditdesk.security;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The allowed origins as shipped: any port on localhost on embedded / demo defaults, none
 * with the {@code prod} profile, and in both whatever {@code CREDITDESK_CORS_ORIGINS}
 * names.
 */
class CorsDefaultsTests {

	private static final String ORIGINS = "spring.graphql.cors.allowed-origin-patterns";

	@Test
	void demoDefaultsAllowAnyPortOnLocalhost() throws IOException {
		assertThat(origins(environment(false))).containsExactly("http://localhost:*", "http://127.0.0.1:*");
	}

	@Test
	void productionAllowsNoOtherOriginUnlessNamed() throws IOException {
		assertThat(origins(environment(true))).isEmpty();
		StandardEnvironment named = environment(true);
		named.getPropertySources()
			.addFirst(new MapPropertySource("environment",
					Map.of("CREDITDESK_CORS_ORIGINS", "https://portal.example.com")));
		assertThat(origins(named)).containsExactly("https://portal.example.com");
	}

	private static List<String> origins(StandardEnvironment environment) {
		return Binder.get(environment).bind(ORIGINS, Bindable.listOf(String.class)).orElse(List.of());
	}

	/**
	 * The packaged configuration files as Boot layers them, without the machine's
	 * environment.
	 */
	private static StandardEnvironment environment(boolean prod) throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME,
					new MapPropertySource(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME, new HashMap<>()));
		YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
		if (prod) {
			for (PropertySource<?> source : yaml.load("prod", new ClassPathResource("application-prod.yml"))) {
				environment.getPropertySources().addLast(source);
			}
		}
		for (PropertySource<?> source : yaml.load("default", new ClassPathResource("application.yml"))) {
			environment.getPropertySources().addLast(source);
		}
		return environment;
	}

}
