package io.creditdesk.common;

/**
 * One reason a mutation was refused: the input field it concerns (a path such as
 * {@code paymentTerms.netDays}, or null), a message for people and a stable code for machines.
 */
public record UserError(String field, String message, String code) {
}
