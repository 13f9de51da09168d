/**
 * Order intake from every sales channel over Kafka: one raw topic per channel, read by
 * one consumer that turns each payload into a {@link io.creditdesk.intake.CanonicalOrder}
 * and places it through the {@link io.creditdesk.intake.OrderGateway} (the order credit
 * check). Only failures the {@link io.creditdesk.intake.TransientFailurePolicy} knows as
 * transient are retried with backoff; every other failed record goes at once to a
 * dead-letter topic and into the failed-intake worklist ({@code intake_failures}, raw
 * bytes and reason text), where people replay or discard them, so no record holds up its
 * partition; a partition held past {@code stall-threshold} makes the intake health DOWN.
 * The consumers start once Kafka is ready. Customers named by reference or tax id are
 * resolved through the customer capability and remembered while its references version is
 * unchanged ({@code CustomerServiceDirectory}). Other capabilities' consumers keep what
 * they dead-letter in the same worklist through
 * {@link io.creditdesk.intake.IntakeWorklist} (the external risk events do).
 */
package io.creditdesk.intake;
