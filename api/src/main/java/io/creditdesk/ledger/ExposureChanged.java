package io.creditdesk.ledger;

/**
 * Published after a customer's exposure moved; {@code freedCredit} when the change can
 * only have made room (a payment, credit note, write-off, cancellation or decrease).
 */
public record ExposureChanged(String customerId, String cause, boolean freedCredit) {
}
