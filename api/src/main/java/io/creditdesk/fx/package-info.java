/**
 * Foreign-exchange rates managed through the API: one rate per currency pair and day.
 * Documents in another currency than the customer's credit currency are converted with
 * the latest rate on or before their date (the pair, its inverse, or else the cross rate
 * through {@code creditdesk.fx.cross-currency}, EUR by default), and the rate used is
 * stored on the document. A missing rate is a user error, never a silent 1:1.
 * <p>
 * It knows neither customers nor the ledger. (Module boundaries:
 * {@code ModularityTests}.)
 */
@ApplicationModule(allowedDependencies = { "audit", "common", "graphql", "infrastructure" })
package io.creditdesk.fx;

import org.springframework.modulith.ApplicationModule;
