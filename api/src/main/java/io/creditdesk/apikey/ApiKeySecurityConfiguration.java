package io.creditdesk.apikey;

import io.creditdesk.security.LoginThrottle;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;

/**
 * API key sign-in, in demo and production mode alike: the filter joins every security
 * filter chain (through a {@code Customizer<HttpSecurity>}) ahead of the JWT and Basic
 * filters, and the resource server's bearer-token resolver leaves {@code cdk_} tokens to
 * it, so a JWT decoder never sees an API key.
 */
@Configuration(proxyBeanMethods = false)
class ApiKeySecurityConfiguration {

	@Bean
	Customizer<HttpSecurity> apiKeySignIn(ApiKeyService keys, LoginThrottle throttle) {
		return http -> http.addFilterBefore(new ApiKeyAuthenticationFilter(keys, throttle),
				BearerTokenAuthenticationFilter.class);
	}

	@Bean
	BearerTokenResolver bearerTokenResolver() {
		DefaultBearerTokenResolver jwts = new DefaultBearerTokenResolver();
		return request -> {
			String token = jwts.resolve(request);
			return (token != null && token.startsWith(ApiKeySecrets.PREFIX)) ? null : token;
		};
	}

}
