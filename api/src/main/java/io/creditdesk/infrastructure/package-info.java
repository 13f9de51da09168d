/**
 * Runtime wiring of the stores: the embedded defaults (an in-process MongoDB-wire-protocol
 * server with a file-backed store, and a single-node KRaft Kafka broker, both under the data
 * directory) that start only when {@code MONGODB_URI} / {@code KAFKA_BOOTSTRAP_SERVERS} are not
 * set, the MongoDB conversions (money as Decimal128) and the health indicators. The embedded
 * store's backend ({@code IdLookupH2Backend}) adds what mongo-java-server lacks on the service's
 * hot paths: {@code _id} look-ups for filters that pin {@code _id}, in-memory indexes of the
 * outbox and worklist fields, unique-index keys compared by value ({@code IndexKeyType}),
 * documents written as BSON instead of with Java serialization ({@code DocumentDataType}), and the
 * outbox relay's acknowledgements applied without the library's general update path. A file-backed
 * embedded store acknowledges a write only once it is on disk ({@code DurableWritesBackend},
 * {@code GroupCommit}: commit and sync shared by concurrent writers; {@code DurabilityPolicy}: which
 * write concerns wait); the service's writes ask for {@code w: majority, j: true} on any server, and
 * {@code DurabilityBarrier} lets a reader wait until what it read is durable.
 * {@code KafkaReadiness} tells when Kafka can be used after a (re)start; the service's own Kafka
 * clients wait for it, and the {@code kafka} health is DOWN until then.
 */
package io.creditdesk.infrastructure;
