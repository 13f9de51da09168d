package io.creditdesk.alert;

import io.creditdesk.common.ErrorCode;

/** Why an alert could not be acknowledged. */
public enum AlertErrorCode implements ErrorCode {

	/** There is no alert with the given id. */
	ALERT_NOT_FOUND,

	/** The alert was already acknowledged or has resolved: only an open alert is. */
	ALERT_NOT_OPEN

}
