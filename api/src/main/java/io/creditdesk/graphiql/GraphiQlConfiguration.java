package io.creditdesk.graphiql;

import java.io.IOException;
import java.util.List;

import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.RequestLanguage;
import io.creditdesk.security.AuthenticationRefusal;
import io.creditdesk.security.FormLoginThrottleFilter;
import io.creditdesk.common.GraphQlErrorAnswer;
import io.creditdesk.security.LoginThrottle;
import io.creditdesk.security.SecurityProperties;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.graphql.autoconfigure.GraphQlProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The browser side of GraphiQL: its own security filter chain, ahead of the API's, for
 * the page, its assets, its sign-in and sign-out, and the {@code /graphql} calls the page
 * makes with its session ({@link BrowserGraphQlCall}). The API's chain stays stateless
 * and never sees a session.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(GraphiQlEnabled.class)
class GraphiQlConfiguration {

	static final String PAGE = "/graphiql";

	static final String LOGIN = "/graphiql/login";

	static final String LOGOUT = "/graphiql/logout";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 100)
	SecurityFilterChain graphiQlSecurityFilterChain(HttpSecurity http, SecurityProperties security,
			GraphQlProperties graphQl, LoginThrottle throttle) throws Exception {
		PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
		RequestMatcher page = new OrRequestMatcher(paths.matcher(PAGE), paths.matcher(PAGE + "/**"),
				paths.matcher("/webjars/**"));
		RequestMatcher assets = new OrRequestMatcher(paths.matcher(HttpMethod.GET, "/graphiql/console.*"),
				paths.matcher(HttpMethod.GET, "/webjars/**"));
		http.cors(Customizer.withDefaults());
		if (security.jwt()) {
			// Nobody signs in on the page: it and its assets are public (they hold no
			// data), and the
			// person's bearer token goes with each /graphql call to the API's chain.
			http.securityMatcher(page);
			http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
			http.csrf(csrf -> csrf.disable());
			http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
			return http.build();
		}
		RequestMatcher graphQlCalls = new BrowserGraphQlCall(graphQl.getHttp().getPath());
		http.securityMatcher(new OrRequestMatcher(page, graphQlCalls));
		http.authorizeHttpRequests(requests -> requests.requestMatchers(assets)
			.permitAll()
			.requestMatchers(paths.matcher(LOGIN))
			.permitAll()
			.anyRequest()
			.authenticated());
		http.formLogin(form -> form.loginPage(LOGIN)
			.loginProcessingUrl(LOGIN)
			.defaultSuccessUrl(PAGE, true)
			.failureUrl(LOGIN + "?error"));
		// Guesses on the form wait and are locked out as Basic ones are (the same
		// throttle, fed by the same authentication events): a held-back attempt is
		// answered before its password is checked, a person at the form back on the
		// sign-in page with the wait, a program with the JSON 429.
		http.addFilterBefore(new FormLoginThrottleFilter(throttle, paths.matcher(HttpMethod.POST, LOGIN), LOGIN),
				UsernamePasswordAuthenticationFilter.class);
		http.logout(logout -> logout.logoutRequestMatcher(paths.matcher(HttpMethod.POST, LOGOUT))
			.logoutSuccessUrl(LOGIN + "?signedOut"));
		// A /graphql call of a session that is not signed in is a 401 for the page's
		// script, not a redirect to a form: the API chain's JSON (UNAUTHORIZED, its
		// sentence in the caller's language), without a challenge that would open the
		// browser's sign-in dialog.
		http.exceptionHandling(
				errors -> errors.defaultAuthenticationEntryPointFor(AuthenticationRefusal.session(), graphQlCalls)
					.defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(LOGIN), page));
		// CSRF protection stays on (the default, tokens kept in the session): the page
		// sends its token with every /graphql call and the sign-in and sign-out forms
		// carry it. A refusal is answered here; through the container's error page it
		// would reach the API's chain and turn into a 401.
		http.exceptionHandling(errors -> errors.accessDeniedHandler(GraphiQlConfiguration::refused));
		http.sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED));
		return http.build();
	}

	/**
	 * 403 with a GraphQL-shaped error GraphiQL shows: the token is missing or belongs to
	 * an old session ({@code CSRF_TOKEN_INVALID}, the catalogue's
	 * {@code graphiql.csrfInvalid} in the caller's {@code Accept-Language}).
	 */
	private static void refused(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		String message = MessageCatalogue.render(RequestLanguage.of(request), "graphiql.csrfInvalid", List.of());
		GraphQlErrorAnswer.write(response, HttpStatus.FORBIDDEN, "CSRF_TOKEN_INVALID", message);
	}

}
