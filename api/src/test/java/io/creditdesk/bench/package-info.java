/**
 * Load drivers: main classes in test scope, run by hand (never by the test suite) against the
 * service on its embedded defaults. {@link io.creditdesk.bench.LoadDriver} measures the order
 * credit check and the available-credit read over HTTP against the raw store's own conditional
 * update; BENCHMARKS.md records how to run it and what it measured.
 */
package io.creditdesk.bench;
