/**
 * External risk events: a bureau's or an internal fraud system's news about a customer (a
 * downgrade, an insolvency filing, a reported payment default, suspected fraud), read
 * from Kafka ({@code risk.events.external}) or a bureau's monitoring feed, and turned
 * into actions at once (issue 17). The rules here are plain Java:
 * {@link io.creditdesk.riskevent.ExternalRiskEvents} reads and checks the versioned JSON
 * shape, {@link io.creditdesk.riskevent.RiskEventPolicy} maps each event type to its
 * actions (raise the bureau or fraud flag, which makes the order credit check refuse new
 * orders at once; put the customer on hold; open a review request; alert).
 */
package io.creditdesk.riskevent;
