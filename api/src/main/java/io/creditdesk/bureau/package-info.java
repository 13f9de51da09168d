/**
 * Credit bureaus: the {@link io.creditdesk.bureau.CreditBureau} port (company search by
 * tax ID, name and country; company reports with rating, recommended limit and status;
 * monitoring events) and {@link io.creditdesk.bureau.HttpCreditBureau}, the connector to
 * the HTTP API shape documented in docs/bureau.md, with token authentication, timeouts,
 * bounded retries and a circuit breaker. Every failure is a
 * {@link io.creditdesk.bureau.BureauException} with a typed
 * {@link io.creditdesk.bureau.BureauFailure}. Without {@code creditdesk.bureau.base-url}
 * no bureau is configured and customers are verified manually.
 */
package io.creditdesk.bureau;
