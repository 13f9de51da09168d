/**
 * Who may do what, and signing in cheaply for good callers and expensively for attackers.
 * Every endpoint but health needs an authenticated caller: HTTP Basic demo users on
 * embedded defaults, an OAuth2 resource server (JWT for this service's audience only, the
 * caller named by its {@code sub} unless configured, roles from a configurable claim;
 * {@link io.creditdesk.security.JwtProperties}) in production, API keys in both (see
 * {@code io.creditdesk.apikey}). Per-operation rules are the
 * {@link io.creditdesk.security.Roles} expressions, enforced with method security on the
 * services. Verified passwords and JWTs are remembered briefly
 * ({@link io.creditdesk.security.VerifiedCredentials}, {@code CachingJwtDecoder}); failed
 * sign-ins are throttled per user name and client address
 * ({@link io.creditdesk.security.LoginThrottle}), through HTTP Basic and sign-in forms
 * alike ({@link io.creditdesk.security.FormLoginThrottleFilter}, which sends a person at
 * the form back to its page with the wait, a program the JSON 429). A request not signed
 * in gets a 401 with its sign-in's challenge and a JSON error that says why in the
 * caller's language ({@code UNAUTHORIZED}, {@code INVALID_CREDENTIALS};
 * {@code AuthenticationRefusal}). The API's filter chain is stateless and answers CORS
 * preflights (origins from {@code spring.graphql.cors.*}) before authentication; the
 * browser side of GraphiQL, with its session, has its own chain in
 * {@code io.creditdesk.graphiql}.
 * <p>
 * Below every capability: it may use only {@code common}. (Module boundaries:
 * {@code ModularityTests}.)
 */
@ApplicationModule(allowedDependencies = { "common" })
package io.creditdesk.security;

import org.springframework.modulith.ApplicationModule;
