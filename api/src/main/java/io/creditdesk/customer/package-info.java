/**
 * Customer credit profiles: master data, taxonomy codes (segment, tier, industry vertical),
 * credit group, credit currency, status, risk flags and the approved credit limit. Every change
 * is a targeted atomic update of the customer's document guarded by its version, and is audited.
 */
package io.creditdesk.customer;
