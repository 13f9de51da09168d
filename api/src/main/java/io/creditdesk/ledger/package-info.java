/**
 * The exposure ledger and the order credit check. Each customer's exposure (open orders,
 * shipped not invoiced, receivables) is kept as counters in the customer's own document
 * and moves with every order, shipment, invoice, payment, credit note and write-off. A
 * reservation is one atomic conditional update of that document, so concurrent orders can
 * never oversell; every path that raises exposure goes through the same
 * {@link io.creditdesk.ledger.CreditCheck}. An order of a customer the instance has read
 * before is reserved first and the rules verified on the account as the reservation found
 * it (one store round trip instead of two). A change of the counters and the order (or
 * invoice) write it belongs to are two documents: the change is marked pending in the
 * customer's document by the same atomic update, the written document carries its token,
 * and the mark is then settled; a failure or a crash in between is undone from the mark,
 * once ({@link io.creditdesk.ledger.PendingChange},
 * {@link io.creditdesk.ledger.LedgerWrite}). Held orders wait in a Finance worklist and
 * are re-evaluated when credit frees up (a held amendment waits with the decision that
 * held it, shown as the worklist entry's decision, and its reasons speak of the increase
 * and the order's new total); a reconciliation recomputes the counters from the
 * documents, and a credit group's exposure from its members', and reports drift (a safety
 * net: nothing relies on it). A credit group's exposure is held on the parent's document
 * per member in the member's own currency, and converted at today's rates only when read
 * or checked against the group limit ({@code Groups}), so exchange rates never leave
 * anything behind in it. A customer joining, leaving or changing its group takes its net
 * exposure along, and a security added, released, beginning to count on its first day or
 * expired moves its entry ({@code GroupMoves}): the move is marked on the member's
 * document with its net exposure at one instant, applied once to each parent's figures,
 * and finished by the sweep after a crash. The days a security begins and stops counting
 * are followed by the sweep of pending changes whenever it runs, however long after the
 * day (the security's document says whether its group counts it). Document dates follow
 * one policy ({@link io.creditdesk.ledger.DocumentDates}): nothing in the future beyond a
 * tolerance, nothing before what it follows from.
 * <p>
 * The types, by job: {@link io.creditdesk.ledger.OrderService} (order entry: place,
 * amend, cancel, reopen, ship), {@link io.creditdesk.ledger.OrderWorklist} (the Finance
 * worklist: pending, release, reject, automatic release),
 * {@link io.creditdesk.ledger.CreditDecider} (the concurrency-critical core: decide,
 * reserve, follow the group, undo), {@link io.creditdesk.ledger.CreditCheck} (the named
 * rules), {@link io.creditdesk.ledger.OrderStore} (the order documents and their one
 * conditional update), {@link io.creditdesk.ledger.OrderRests} (what a converted shipment
 * or invoice takes in the credit currency: the one that completes the order, or its
 * shipped part, in the order's currency takes the exact rest),
 * {@link io.creditdesk.ledger.InvoiceService},
 * {@link io.creditdesk.ledger.CreditAccountService} (exposure, group limits,
 * reconciliation, re-evaluation of held orders) and
 * {@link io.creditdesk.ledger.CreditSecurities} (securities and how credit groups follow
 * them); one GraphQL controller per aggregate (orders, invoices, credit accounts).
 * {@code Ledger}, {@code AccountContexts}, {@code PendingChanges} and {@code GroupMoves}
 * are internal: other capabilities use the services. Refusals carry
 * {@link io.creditdesk.ledger.LedgerErrorCode}s, decisions
 * {@link io.creditdesk.ledger.CreditReason}s: a
 * {@link io.creditdesk.ledger.CreditReasonCode} with the figures its rule compared and
 * the policy level that set the threshold, put into words in the reader's language by
 * {@code ReasonMessages} from the message catalogue.
 */
package io.creditdesk.ledger;
