package io.creditdesk.notification;

import io.creditdesk.common.ErrorCode;

/** Why a notification setting was refused. */
public enum NotificationErrorCode implements ErrorCode {

	/** A webhook URL is not an absolute http(s) URL with a host. */
	WEBHOOK_URL_INVALID,
	/**
	 * A webhook URL's host is, or resolves to, a loopback, private, link-local or other
	 * non-public address.
	 */
	WEBHOOK_URL_NOT_ALLOWED

}
