/**
 * GraphQL wiring shared by every capability: the {@code Decimal}, {@code Date} and
 * {@code DateTime} scalars (a value they refuse is a GraphQL error with a stable
 * {@code extensions.code} and the catalogue's sentence in the request's language; in a
 * variable, the whole message so and the refused field inside the variable named,
 * {@link io.creditdesk.graphql.VariableRefusals}; an argument written in the document
 * that validation refuses alike, {@link io.creditdesk.graphql.ArgumentRefusals}), a
 * refused document (a syntax error, a field, argument, variable, type, fragment or
 * directive that is not there, a selection, which operation to run) alike with its own
 * codes ({@link io.creditdesk.graphql.DocumentRefusals}), JSON numbers read exactly (as
 * BigDecimal, never a double), the mapping of domain and security exceptions to GraphQL
 * errors with a stable {@code extensions.code} and a message in the request's language,
 * the payload helper that turns refusals into {@code userErrors} (their message rendered
 * again from the message catalogue in the request's language,
 * {@link io.creditdesk.graphql.UserErrorMessages}), and the bounds of every request's
 * work: body size, depth, aliases, fields and cost judged before anything runs
 * ({@link io.creditdesk.graphql.QueryAnalysis}), the cost reported in
 * {@code extensions.cost} and charged to the rate limits
 * ({@link io.creditdesk.graphql.QueryCostMeter}), an execution timeout that stops the
 * work, and a parsed-document cache bounded by bytes.
 * <p>
 * Below every capability: it may use only {@code common}. (Module boundaries:
 * {@code ModularityTests}.)
 */
@ApplicationModule(allowedDependencies = { "common" })
package io.creditdesk.graphql;

import org.springframework.modulith.ApplicationModule;
