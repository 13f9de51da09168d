/**
 * Demo data: with {@code creditdesk.demo.enabled=true} a realistic portfolio (policies
 * per segment, tier and vertical, a few hundred customers with groups, limits, holds and
 * flags) is seeded through the ordinary services, so it is validated and audited like any
 * other data. The credit event consumers (alerts, notifications) are held while it is
 * written, so they react to the portfolio as seeded, not to each step of its history.
 */
package io.creditdesk.demo;
