/**
 * Runtime wiring of the stores, whichever servers they are (the embedded ones of
 * {@code io.creditdesk.embedded} or external ones): the MongoDB conversions (money as
 * Decimal128), the client's durable write concern ({@code w: majority, j: true}) and
 * timeouts, the indexes the capabilities declare ({@code MongoIndexes}),
 * {@code DurabilityBarrier} (a reader waits until what it read is durable),
 * {@code JobLock} (one instance runs a background job at a time, and records each run for
 * {@code scheduledJobs}), and the health indicators. {@code KafkaReadiness} tells when
 * Kafka can be used after a (re)start; the service's own Kafka clients wait for it, and
 * the {@code kafka} health is DOWN until then. {@code KafkaConsumerStarter} is that wait
 * for a listener container: a thread that starts it once Kafka, its topics and its group
 * are ready, and that a stop ends.
 * <p>
 * Below every capability: it may use only {@code common} and {@code embedded}. (Module
 * boundaries: {@code ModularityTests}.)
 */
@ApplicationModule(allowedDependencies = { "common", "embedded" })
package io.creditdesk.infrastructure;

import org.springframework.modulith.ApplicationModule;
