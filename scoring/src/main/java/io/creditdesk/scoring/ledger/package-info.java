/**
 * Point-in-time payment histories from the service's ledger: a customer's invoices with
 * the payments, discounts, credit notes and write-offs applied to them, its limit changes
 * and its account opening, each with the day it took effect and when it was booked.
 * {@link io.creditdesk.scoring.ledger.LedgerHistory} builds the monthly statements as of
 * any date from what was booked by then, joins imported statements for the months before
 * the ledger ({@link io.creditdesk.scoring.ledger.HistoryJoin}) and labels outcomes;
 * {@link io.creditdesk.scoring.ledger.MonthlyStatements} is the one definition of a
 * month, shared with the invoice CSV. Training sets over several as-of dates and their
 * out-of-time split live here too, so training, back-testing and live scoring build
 * histories one way.
 */
package io.creditdesk.scoring.ledger;
