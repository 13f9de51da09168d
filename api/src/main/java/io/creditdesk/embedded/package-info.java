/**
 * The embedded servers the service runs on when no external MongoDB or Kafka is
 * configured: an in-process MongoDB-wire-protocol server with a file-backed store and a
 * single-node KRaft Kafka broker, both under the data directory, handed to Spring Boot as
 * connection details ({@code MongoConnectionDetails}, {@code KafkaConnectionDetails}) so
 * the rest of the service talks to them through the ordinary driver and clients. They
 * start only when {@code MONGODB_URI} / {@code KAFKA_BOOTSTRAP_SERVERS} are not set.
 * <p>
 * The store is mongo-java-server's H2 backend extended where the library lacks what the
 * service's hot paths need ({@code IdLookupH2Backend}): {@code _id} look-ups for filters
 * that pin {@code _id}, in-memory indexes of the sparse fields the capabilities declare
 * ({@link io.creditdesk.embedded.SparseField} beans), in-memory indexes of the leading
 * field of every non-unique index the service creates ({@code FieldIndex}: the invoices
 * of a page of customers without a scan of every invoice; a customer's waiting orders
 * without a walk over the whole worklist; the customers with expired pending changes
 * without a scan of every customer, a dotted path into arrays and an {@code $or} of two;
 * an aggregation's leading {@code $match}; a value most of the documents hold, such as a
 * flag's {@code false}, is not kept: a query on it scans), lists of strings in
 * {@code $in} checked with a hash set ({@code StringSetConditions}), unique-index keys
 * compared by value ({@code IndexKeyType}, {@code ValueOrderedUniqueIndex}), query
 * results sorted without re-reading the sort keys at every comparison ({@code SortKeys}),
 * documents written as BSON instead of with Java serialization
 * ({@code DocumentDataType}). A file-backed store acknowledges a write only once it is on
 * disk ({@code DurableWritesBackend}, {@code GroupCommit}: commit and sync shared by
 * concurrent writers; {@code DurabilityPolicy}: which write concerns wait). Answers of
 * {@code find} and {@code aggregate} come in batches of at most 16 MB, continued with
 * {@code getMore}, as MongoDB sends them ({@code BatchedRepliesBackend}; the library sent
 * every document in one reply, which the driver refuses above 48 MB).
 * <p>
 * This package knows nothing of the business capabilities: they depend on it (to declare
 * their sparse fields), never the other way round. Health indicators, readiness and the
 * MongoDB client settings live in {@code infrastructure}.
 * <p>
 * It depends on no other module: the capabilities declare what it needs. (Module
 * boundaries: {@code ModularityTests}.)
 */
@ApplicationModule(allowedDependencies = {})
package io.creditdesk.embedded;

import org.springframework.modulith.ApplicationModule;
