package io.creditdesk.security;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * Sign-in that is cheap for good callers and expensive for attackers: the throttle of
 * failed attempts (used by password and API key sign-in alike) and, where users sign in
 * with a password (demo mode), the verified-credential cache and the throttle filter.
 * They join the security filter chain through a {@code Customizer<HttpSecurity>}, which
 * Spring Security applies to every chain it builds.
 */
@Configuration(proxyBeanMethods = false)
class PasswordSignInConfiguration {

	@Bean
	LoginThrottle loginThrottle(LoginProperties properties, Clock clock, MeterRegistry registry) {
		return new LoginThrottle(properties, clock, registry);
	}

	@Bean
	LoginAttempts loginAttempts(LoginThrottle throttle) {
		return new LoginAttempts(throttle);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "creditdesk.security.mode", havingValue = "demo", matchIfMissing = true)
	static class WithPasswords {

		@Bean
		VerifiedCredentials verifiedCredentials(LoginProperties properties) {
			return new VerifiedCredentials(properties.credentialCacheTtl());
		}

		/**
		 * The chain's own authentication manager: the caching provider alone, so that a
		 * wrong password is hashed once (a provider added next to the default one would
		 * have it hashed twice), and publishing the events the throttle counts.
		 */
		@Bean
		Customizer<HttpSecurity> passwordSignIn(UserDetailsService users, VerifiedCredentials verified,
				LoginThrottle throttle, ObjectProvider<AuthenticationEventPublisher> events) {
			CachingPasswordAuthenticationProvider provider = new CachingPasswordAuthenticationProvider(users, verified);
			provider.setPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder());
			ProviderManager manager = new ProviderManager(provider);
			events.ifAvailable(manager::setAuthenticationEventPublisher);
			return http -> http.authenticationManager(manager)
				.addFilterBefore(new LoginThrottleFilter(throttle), BasicAuthenticationFilter.class);
		}

	}

}
