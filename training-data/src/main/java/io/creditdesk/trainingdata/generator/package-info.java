/**
 * The seeded generator of realistic B2B payment histories: segments, evolving latent
 * risk, invoices on terms, delays, short payments, disputes, defaults and seasonality,
 * with {@link io.creditdesk.trainingdata.generator.GeneratorStats} to measure its base
 * rates. Output goes through the scoring module's own invoice layout and aggregator, so
 * generated data is exactly what the service's export would look like;
 * {@link io.creditdesk.trainingdata.generator.GeneratedLedgers} gives the same customers
 * as ledger facts, as the service's ledger would hold them.
 */
package io.creditdesk.trainingdata.generator;
