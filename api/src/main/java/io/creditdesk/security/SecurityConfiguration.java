package io.creditdesk.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity
class SecurityConfiguration {

	private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http, SecurityProperties properties, JwtProperties jwtTokens)
			throws Exception {
		// Health's status for anyone (details signed in, see application.yml), info for
		// any signed-in caller; every other actuator endpoint (metrics: JVM, HTTP and the
		// creditdesk.* business figures) for operators only (ADMIN), refused with 403
		// FORBIDDEN otherwise (ActuatorRefusal).
		http.authorizeHttpRequests(requests -> requests.requestMatchers("/actuator/health", "/actuator/health/**")
			.permitAll()
			.requestMatchers("/actuator/info")
			.authenticated()
			.requestMatchers("/actuator", "/actuator/**")
			.hasRole(Roles.ADMIN)
			.anyRequest()
			.authenticated());
		http.exceptionHandling(errors -> errors.accessDeniedHandler(new ActuatorRefusal()));
		// A stateless API authenticated per request: no session, so no CSRF token to
		// protect.
		http.csrf(csrf -> csrf.disable());
		// Cross-origin browser calls as configured by spring.graphql.cors.* (see
		// application.yml); a preflight is answered here, before authentication.
		http.cors(Customizer.withDefaults());
		http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
		// A request not signed in gets a 401 that says why, with a code, in the caller's
		// language (AuthenticationRefusal), and the challenge of its way to sign in.
		if (properties.jwt()) {
			AuthenticationRefusal refusal = AuthenticationRefusal.bearer();
			http.oauth2ResourceServer(oauth -> oauth.authenticationEntryPoint(refusal)
				.jwt(jwt -> jwt.jwtAuthenticationConverter(
						new RolesClaimConverter(properties.rolesClaim(), jwtTokens.principalClaim()))));
			http.exceptionHandling(errors -> errors.authenticationEntryPoint(refusal));
		}
		else {
			AuthenticationRefusal refusal = AuthenticationRefusal.basic();
			http.httpBasic(basic -> basic.authenticationEntryPoint(refusal));
			http.exceptionHandling(errors -> errors.authenticationEntryPoint(refusal));
		}
		return http.build();
	}

	/**
	 * No Micrometer observation per security filter, authentication and authorization:
	 * with them every request opened and closed about 15 observations (long-task timers,
	 * tags, events), about 10 % of a request's CPU under load. Request metrics stay
	 * ({@code http.server.requests}).
	 */
	@Bean
	SecurityObservationSettings securityObservationSettings() {
		return SecurityObservationSettings.noObservations();
	}

	/**
	 * Verified JWTs are remembered per exact token string until their expiry (see
	 * {@link CachingJwtDecoder}).
	 */
	@Bean
	static CachingJwtDecoder.Wrapper cachingJwtDecoder() {
		return new CachingJwtDecoder.Wrapper();
	}

	@Bean
	@ConditionalOnProperty(name = "creditdesk.security.mode", havingValue = "demo", matchIfMissing = true)
	UserDetailsService demoUsers(SecurityProperties properties) {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		String password = encoder.encode(properties.demoPassword());
		List<UserDetails> users = new ArrayList<>();
		for (DemoUsers.DemoUser user : DemoUsers.ALL) {
			users.add(User.withUsername(user.username()).password(password).roles(user.role()).build());
		}
		log.warn(
				"SECURITY: demo users are enabled (sales, analyst, manager, manager2, cfo, datasci, admin, integration;"
						+ " password '{}'). Never run like this in production: use the 'prod' profile (OAuth2/JWT).",
				properties.demoPassword());
		return new InMemoryUserDetailsManager(users);
	}

	/**
	 * Maps the configured roles claim of a JWT to {@code ROLE_*} authorities, and names
	 * the caller by the configured principal claim ({@code sub} unless configured).
	 */
	static final class RolesClaimConverter implements Converter<Jwt, AbstractAuthenticationToken> {

		private final String claim;

		private final String principalClaim;

		RolesClaimConverter(String claim, String principalClaim) {
			this.claim = claim;
			this.principalClaim = principalClaim;
		}

		@Override
		public AbstractAuthenticationToken convert(Jwt jwt) {
			Collection<GrantedAuthority> authorities = new ArrayList<>();
			Object value = jwt.getClaims().get(this.claim);
			List<String> roles = new ArrayList<>();
			if (value instanceof Collection<?> collection) {
				collection.forEach(role -> roles.add(String.valueOf(role)));
			}
			else if (value instanceof String text) {
				roles.addAll(List.of(text.trim().split("[\\s,]+")));
			}
			for (String role : roles) {
				if (!role.isBlank()) {
					String name = role.trim().toUpperCase(Locale.ROOT);
					authorities.add(new SimpleGrantedAuthority(name.startsWith("ROLE_") ? name : "ROLE_" + name));
				}
			}
			// Never another claim in its place: a token without the identity claim
			// could otherwise take a name another person has.
			String principal = jwt.getClaimAsString(this.principalClaim);
			if (principal == null || principal.isBlank()) {
				throw new InvalidBearerTokenException("The token has no '" + this.principalClaim + "' claim");
			}
			return new JwtAuthenticationToken(jwt, authorities, principal);
		}

	}

}
