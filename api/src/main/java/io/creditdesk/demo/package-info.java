/**
 * Demo data: with {@code creditdesk.demo.enabled=true} a realistic portfolio (policies
 * per segment, tier and vertical, a few hundred customers with groups, limits, holds and
 * flags) is seeded through the ordinary services, so it is validated and audited like any
 * other data.
 */
package io.creditdesk.demo;
