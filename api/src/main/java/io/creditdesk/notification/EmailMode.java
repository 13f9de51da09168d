package io.creditdesk.notification;

/**
 * Whether, and when, a person gets a type of notification by e-mail; the in-app inbox
 * always gets it.
 */
enum EmailMode {

	/** In the inbox only. */
	OFF,

	/** One e-mail per notification, as soon as it is made. */
	IMMEDIATE,

	/** Collected into one e-mail a day ({@code creditdesk.notifications.digest-at}). */
	DAILY_DIGEST

}
