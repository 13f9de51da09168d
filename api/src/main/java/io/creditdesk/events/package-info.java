/**
 * Credit events out: every credit decision and change is published to Kafka as a
 * versioned JSON event, reliably. The change and its event are written in ONE atomic
 * update of the document that changes (an {@code outbox} array on the order or customer
 * document), so a crash between the store and Kafka loses nothing; the
 * {@link io.creditdesk.events.OutboxRelay} drains the outboxes to Kafka (one instance at
 * a time, under a lease) and removes what it published. Exposure is published as a
 * snapshot keyed by a per-customer sequence. Each instance also reads the topic back
 * ({@link io.creditdesk.events.CreditEventStream}) to feed its live GraphQL
 * subscriptions, so they see changes made on any instance; it reads only while somebody
 * {@link io.creditdesk.events.LiveCreditEvents#listen() listens}. The schema is
 * documented in {@code docs/events.md}.
 * <p>
 * It knows no capability: they put their events into it. (Module boundaries:
 * {@code ModularityTests}.)
 */
@ApplicationModule(allowedDependencies = { "common", "embedded", "infrastructure" })
package io.creditdesk.events;

import org.springframework.modulith.ApplicationModule;
