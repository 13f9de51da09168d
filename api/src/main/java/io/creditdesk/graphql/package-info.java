/**
 * GraphQL wiring shared by every capability: the {@code Decimal}, {@code Date} and
 * {@code DateTime} scalars, JSON numbers read exactly (as BigDecimal, never a double), the mapping
 * of domain and security exceptions to GraphQL errors with a stable {@code extensions.code}, and
 * the payload helper that turns refusals into {@code userErrors}.
 */
package io.creditdesk.graphql;
