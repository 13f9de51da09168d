package io.creditdesk.customer;

/**
 * Published after a change to what a customer may buy on credit: its limit, status or
 * flags. Held orders are re-evaluated on it.
 */
public record CustomerCreditChanged(String customerId, String action) {
}
