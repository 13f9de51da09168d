/**
 * GraphiQL for people. The page and every script, style and font it loads are served by
 * the service itself (WebJars from Maven Central; no CDN), so it works air-gapped and
 * behind proxies. In demo mode a person signs in on a small form with one of the demo
 * users and gets a session cookie that only this page and its {@code /graphql} calls use
 * (CSRF-protected, with sign-out and switch user; guesses on the form are throttled as
 * HTTP Basic ones are, a held-back attempt sent back to the form, which says how long to
 * wait); programs keep calling the stateless API with HTTP Basic or a bearer token. In
 * JWT mode the page is off unless {@code creditdesk.graphiql.enabled=true}, and then the
 * person pastes a bearer token into its headers pane.
 */
package io.creditdesk.graphiql;
