/**
 * External risk events: a bureau's or an internal fraud system's news about a customer (a
 * downgrade, an insolvency filing, a reported payment default, suspected fraud), read
 * from Kafka ({@code risk.events.external}) or a bureau's monitoring feed, and turned
 * into actions at once (issue 17). The rules are plain Java:
 * {@link io.creditdesk.riskevent.ExternalRiskEvents} reads and checks the versioned JSON
 * shape, {@link io.creditdesk.riskevent.RiskEventPolicy} maps each event type to its
 * actions (raise the bureau or fraud flag, which makes the order credit check refuse new
 * orders at once; put the customer on hold; open a review request; alert), and
 * {@code BureauEventTypes} says which type a bureau's monitoring event stands for.
 * <p>
 * The service side: {@code RiskEventConsumer} reads the topic and acknowledges an event
 * only once its effect is durable; what it cannot take goes to the dead-letter topic and
 * the intake worklist ({@code RiskEventDeadLetters}). {@code RiskEventProcessor} carries
 * out one event for the topic and the leased {@code BureauRiskEventPoller} alike: the
 * customer's flags, hold and the {@code ExternalRiskEventApplied} credit event in one
 * atomic update of the customer (once per event id), a {@code REVIEW} request, and the
 * record of what arrived and what it did ({@code external_risk_events}, read through
 * {@code externalRiskEvents}). The rules are stored per policy level and edited through
 * {@code upsertRiskEventPolicy} ({@link io.creditdesk.riskevent.RiskEventPolicies}).
 */
package io.creditdesk.riskevent;
