/**
 * Risk scores inside the service: every customer scored by the Tribuo model from its own
 * payment history in the ledger, with the one feature definition of the {@code scoring}
 * module (training and serving cannot drift). The base package is the module's public
 * API: {@link io.creditdesk.risk.ActiveModels} (the models scoring uses right now),
 * {@link io.creditdesk.risk.CustomerLedgers} (the ledger facts a history is derived from)
 * and {@link io.creditdesk.risk.CustomerScores} (a customer's current grade and
 * probability of default, read by limit requests, dynamic limits and alerts).
 */
package io.creditdesk.risk;
