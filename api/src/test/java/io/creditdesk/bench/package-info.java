/**
 * Load drivers: main classes in test scope, run by hand (never by the test suite) against
 * the service on its embedded defaults. {@link io.creditdesk.bench.LoadDriver} measures
 * the order credit check and the available-credit read over HTTP against the raw store's
 * own conditional update; {@link io.creditdesk.bench.IntakeLoadDriver} measures the Kafka
 * order intake under a burst of orders on the four raw channel topics (end-to-end rate,
 * consumer lag, decisions, dead letters, duplicates, oversell) against the raw store and
 * the service path without Kafka. BENCHMARKS.md records how to run them and what they
 * measured.
 */
package io.creditdesk.bench;
