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
	WEBHOOK_URL_NOT_ALLOWED,

	/** A webhook subscription names a credit event type that does not exist. */
	UNKNOWN_CREDIT_EVENT_TYPE,

	/** No webhook subscription has the given id. */
	WEBHOOK_NOT_FOUND,

	/**
	 * A webhook subscription's secret was rotated by another request at the same moment:
	 * this rotation changed nothing.
	 */
	WEBHOOK_SECRET_CHANGED,

	/** Notifications are written in English ({@code en}) or German ({@code de}). */
	UNSUPPORTED_LANGUAGE

}
