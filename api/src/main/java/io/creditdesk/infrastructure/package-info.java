/**
 * Runtime wiring of the stores: the embedded defaults (an in-process MongoDB-wire-protocol
 * server with a file-backed store, and a single-node KRaft Kafka broker, both under the data
 * directory) that start only when {@code MONGODB_URI} / {@code KAFKA_BOOTSTRAP_SERVERS} are not
 * set, the MongoDB conversions (money as Decimal128) and the health indicators.
 */
package io.creditdesk.infrastructure;
