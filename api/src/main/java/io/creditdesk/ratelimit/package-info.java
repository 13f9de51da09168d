/**
 * Rate limits per authenticated principal: a token bucket of query-cost points per caller
 * (Bucket4j), its size and refill per role (a change of roles changes them but never
 * refills the bucket), answered with HTTP 429 and {@code Retry-After} when empty. Each
 * GraphQL operation is charged its cost (see {@code io.creditdesk.graphql}); other
 * requests one point. Limits are per instance.
 */
package io.creditdesk.ratelimit;
