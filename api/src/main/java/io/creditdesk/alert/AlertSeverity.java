package io.creditdesk.alert;

/** How urgent an alert is. */
public enum AlertSeverity {

	INFO, WARNING, CRITICAL

}
