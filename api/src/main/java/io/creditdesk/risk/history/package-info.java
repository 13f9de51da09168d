/**
 * The {@link io.creditdesk.risk.CustomerLedgers} of the service: each customer's
 * invoices, payments, discounts, credit notes, write-offs and limits, in its credit
 * currency and with their booking instants, joined with what it imported at onboarding,
 * read a batch of customers at a time.
 */
package io.creditdesk.risk.history;
