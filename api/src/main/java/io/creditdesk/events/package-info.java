/**
 * Credit events out: every credit decision and change is published to Kafka as a
 * versioned JSON event, reliably. The change and its event are written in ONE atomic
 * update of the document that changes (an {@code outbox} array on the order or customer
 * document), so a crash between the store and Kafka loses nothing; the
 * {@link io.creditdesk.events.OutboxRelay} drains the outboxes to Kafka (one instance at
 * a time, under a lease) and removes what it published. Exposure is published as a
 * snapshot keyed by a per-customer sequence. The schema is documented in
 * {@code docs/events.md}.
 * <p>
 * Credit events in: this package is the one reader of the topic. A capability that acts
 * on the events declares a {@link io.creditdesk.events.CreditEventGroup} (its consumer
 * group, a handler of the parsed {@link io.creditdesk.events.CreditEvent} and the types
 * it wants: a record whose {@code eventType} header names another is passed over
 * unparsed); {@link io.creditdesk.events.CreditEventListeners} reads as each group with a
 * spring-kafka listener container, commits after handling, skips (logged, counted) a
 * record that is no credit event, and parks an event whose handler keeps failing after
 * bounded retries (in {@code credit_events_parked}), to hand it over again later (or, for
 * one that can never be handled, to be discarded by an operator, audited). A bulk load
 * (the demo's history) holds the groups while it writes
 * ({@link io.creditdesk.events.CreditEventConsumers}), so they react to its result, not
 * to each step of the past. A relay round that cannot read the whole backlog publishes
 * only up to its cut, so a customer's events keep their order. Each instance also reads
 * the topic back ({@link io.creditdesk.events.CreditEventStream}, no consumer group) to
 * feed its live GraphQL subscriptions, so they see changes made on any instance; it reads
 * only while somebody {@link io.creditdesk.events.LiveCreditEvents#listen() listens}, by
 * offset: when the first listener arrives it looks up the end of every partition (after
 * the arrival, before {@code listen()} returns) and delivers everything at or after those
 * offsets, once, whatever its timestamp, so nothing appended after {@code listen()}
 * returned is lost (besides, what was appended during the call and stamped after it
 * began; a reconnect resumes where it stopped). Both parse the envelope the same way
 * ({@link io.creditdesk.events.CreditEventEnvelope}).
 * <p>
 * It knows no capability: they put their events into it. (Module boundaries:
 * {@code ModularityTests}.)
 */
@ApplicationModule(allowedDependencies = { "audit", "common", "embedded", "infrastructure" })
package io.creditdesk.events;

import org.springframework.modulith.ApplicationModule;
