/**
 * Watching the models: the champion against the challenger on the latest labelled window
 * of the ledger ({@code modelComparison}, and the same as an HTML report), the champion's
 * live score distribution against its training baseline with the population stability
 * index ({@code scoreDistribution}), and the daily drift check that publishes the PSI as
 * a metric and flags it above 0.25.
 */
package io.creditdesk.risk.drift;
