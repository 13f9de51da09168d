/**
 * Credit policies: default limit, hard cap, payment terms, grace days, alert thresholds
 * and hold rules, set per segment, industry vertical, tier, globally, and overridden per
 * customer. The effective policy of a customer is resolved value by value, most specific
 * level first, and remembers which level supplied each value.
 * <p>
 * It knows neither customers nor the ledger. (Module boundaries:
 * {@code ModularityTests}.)
 */
@ApplicationModule(allowedDependencies = { "audit", "common", "graphql" })
package io.creditdesk.policy;

import org.springframework.modulith.ApplicationModule;
