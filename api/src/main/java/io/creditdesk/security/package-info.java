/**
 * Who may do what. Every endpoint but health needs an authenticated caller: HTTP Basic demo
 * users on embedded defaults, an OAuth2 resource server (JWT, roles from a configurable claim)
 * in production. Per-operation rules are the {@link io.creditdesk.security.Roles} expressions,
 * enforced with method security on the services.
 */
package io.creditdesk.security;
