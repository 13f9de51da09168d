/**
 * Customer credit profiles: master data, taxonomy codes (segment, tier, industry
 * vertical), credit group, credit currency, status, risk flags and the approved credit
 * limit. Every change is a targeted atomic update of the customer's document guarded by
 * its version, and is audited. A new customer, or a changed external reference, tax id or
 * country, also moves the references version ({@code customer_directory}), by which
 * callers that remember look-ups (the order intake) know that what they found may no
 * longer hold. An external reference is unique also ignoring case (the intake matches one
 * differing only in case): its lower case ({@code externalRefKey}) has a sparse unique
 * index, so the store, not a read before the write, decides between two customers racing
 * for {@code erp-7} and {@code ERP-7}; customers stored before the key get it at start-up
 * ({@code CustomerReferenceKeys}), the oldest of references differing only in case first,
 * the others logged and left without. A change of a customer's credit group
 * ({@code parentId}) is recorded on its document with the change ({@code groupChanges}:
 * the parent left and the one joined) and published as
 * {@link io.creditdesk.customer.CustomerGroupChanged}, so that what keeps group figures
 * follows it, also after a crash (it removes the record once it has).
 * <p>
 * A limit is held to the effective hard cap as the order check holds exposure to it: a
 * cap in another currency is converted at today's stored rate (the refusal states the
 * rate and the converted cap); without a rate the limit is refused with
 * {@code FX_RATE_MISSING}, as a limit request's last approval is.
 * <p>
 * It knows nothing of the ledger: the ledger builds on customers. (Module boundaries:
 * {@code ModularityTests}.)
 */
@ApplicationModule(allowedDependencies = { "audit", "common", "events", "fx", "graphql", "infrastructure", "policy" })
package io.creditdesk.customer;

import org.springframework.modulith.ApplicationModule;
