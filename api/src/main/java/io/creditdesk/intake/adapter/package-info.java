/**
 * The channel adapters of the order intake: each turns one raw payload of its sales
 * channel (web shop JSON, X12 850 EDI, marketplace JSON in minor units, sales-rep CSV)
 * into a {@link io.creditdesk.intake.adapter.ChannelOrder}. Adapters are pure functions
 * of the payload: they parse and check the channel's syntax, hold every quantity, price
 * and total to the one bound of amounts ({@link io.creditdesk.common.MoneyBounds}), so no
 * unbounded number leaves them, hold every text they read to the rule of texts everywhere
 * ({@link io.creditdesk.common.Validation}: trimmed, a control character inside is
 * {@code CONTROL_CHARACTERS} with the field; order numbers, references, tax ids and item
 * ids are ids), and refuse a payload with a stable code, the field and a message;
 * resolving the customer and the currency's rules are left to the intake.
 */
package io.creditdesk.intake.adapter;
