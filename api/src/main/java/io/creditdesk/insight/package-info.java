/**
 * The read side Finance and the front-ends need: portfolio KPIs (utilization against
 * target, rejection rate due to credit per segment, held and rejected orders, DSO),
 * per-customer DSO and 90-day time-weighted average exposure, and the payment history
 * report. It only reads the ledger's documents, except for {@code exposure_daily}, the
 * daily closing net exposure it keeps itself off the order path.
 */
package io.creditdesk.insight;
