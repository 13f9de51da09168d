/**
 * Order intake from every sales channel over Kafka: one raw topic per channel, read by one consumer
 * that turns each payload into a {@link io.creditdesk.intake.CanonicalOrder} and places it through
 * the {@link io.creditdesk.intake.OrderGateway} (the order credit check). Transient failures are
 * retried with backoff; invalid or exhausted records go to a dead-letter topic and into the
 * failed-intake worklist ({@code intake_failures}), where people replay or discard them. Customers
 * named by reference or tax id are resolved through the customer capability and remembered while its
 * references version is unchanged ({@code CustomerServiceDirectory}).
 */
package io.creditdesk.intake;
