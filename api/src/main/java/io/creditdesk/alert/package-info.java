/**
 * Alerts: the right person hears of a risk once, at once (issue 17). The rules are plain
 * Java, free of Spring and of any store: {@link io.creditdesk.alert.AlertRules} turns
 * what is known about a customer now ({@link io.creditdesk.alert.Observation}) and the
 * conditions already raised into the set raised now, so an alert is raised once per
 * crossing, not once per event (utilization with hysteresis: re-armed only after falling
 * below its threshold by the policy's margin), and resolved when its condition clears.
 * <p>
 * The service around them: {@code AlertStore} keeps each customer's raised conditions per
 * alert type in one state document and applies every decision with one conditional update
 * that also carries the alerts raised and resolved, their {@code AlertRaised} /
 * {@code AlertResolved} credit events (outbox) and audit records, so two instances or two
 * concurrent orders never raise the same alert twice. {@code AlertEvaluator} decides from
 * the current figures of the ledger, customer, policy and scores;
 * {@code CreditEventConsumer} calls it for the credit events (its own consumer group, a
 * {@link io.creditdesk.events.CreditEventGroup}), {@code PolicyChanges} after a policy
 * change, and {@code AlertSweep} daily under a lease (expiry, overdue ageing, scores,
 * drift). People read and acknowledge alerts through
 * {@link io.creditdesk.alert.AlertService} ({@code alerts}, {@code acknowledgeAlert},
 * {@code Customer.alerts}; a salesperson reads only the alerts of the customers whose
 * sales owner it is) and follow them live ({@code alertRaised}, fed from the topic like
 * {@code availableCreditChanged}).
 */
package io.creditdesk.alert;
