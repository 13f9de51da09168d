/**
 * The exposure ledger and the order credit check. Each customer's exposure (open orders, shipped
 * not invoiced, receivables) is kept as counters in the customer's own document and moves with
 * every order, shipment, invoice, payment, credit note and write-off. A reservation is one atomic
 * conditional update of that document, so concurrent orders can never oversell; every path that
 * raises exposure goes through the same {@link io.creditdesk.ledger.CreditCheck}. An order of a
 * customer the instance has read before is reserved first and the rules verified on the account as
 * the reservation found it (one store round trip instead of two). A change of the counters and the
 * order (or invoice) write it belongs to are two documents: the change is marked pending in the
 * customer's document by the same atomic update, the written document carries its token, and the
 * mark is then settled; a failure or a crash in between is undone from the mark, once
 * ({@link io.creditdesk.ledger.PendingChange}, {@link io.creditdesk.ledger.LedgerWrite}). Held orders wait
 * in a Finance worklist and are re-evaluated when credit frees up; a reconciliation recomputes the
 * counters from the documents and reports drift (a safety net: nothing relies on it). Document dates
 * follow one policy ({@link io.creditdesk.ledger.DocumentDates}): nothing in the future beyond a
 * tolerance, nothing before what it follows from.
 */
package io.creditdesk.ledger;
