/**
 * Alerts: the right person hears of a risk once, at once (issue 17). The rules here are
 * plain Java, free of Spring and of any store: {@link io.creditdesk.alert.AlertRules}
 * turns what is known about a customer now ({@link io.creditdesk.alert.Observation}) and
 * the conditions already raised into the set raised now, so an alert is raised once per
 * crossing, not once per event (utilization with hysteresis: re-armed only after falling
 * below its threshold by the policy's margin), and resolved when its condition clears.
 * The service stores each customer's raised conditions per alert type and applies a
 * change with one conditional update, so two instances or two concurrent orders never
 * raise the same alert twice.
 */
package io.creditdesk.alert;
