package io.creditdesk.alert;

/**
 * Which alerts to list or follow; every field optional.
 *
 * @param customerId only this customer's
 * @param type only of this type
 * @param status only in this status
 * @param severity only of this severity
 */
public record AlertFilter(String customerId, AlertType type, AlertStatus status, AlertSeverity severity) {

	/** Whether {@code alert} passes the filter. */
	boolean matches(Alert alert) {
		return (this.customerId == null || this.customerId.equals(alert.customerId()))
				&& (this.type == null || this.type == alert.type())
				&& (this.status == null || this.status == alert.status())
				&& (this.severity == null || this.severity == alert.severity());
	}

}
