package io.creditdesk.notification;

/** Who may do what with notifications, as method-security expressions. */
final class NotificationRoles {

	/** Read and mark one's own inbox, and choose one's own preferences: every user. */
	static final String OWN = "isAuthenticated()";

	/**
	 * Subscribe other systems to credit events, and read the delivery logs: an
	 * administrator, or an integration setting up its own receiver.
	 */
	static final String MANAGE_WEBHOOKS = "hasAnyRole('ADMIN','INTEGRATION')";

	private NotificationRoles() {
	}

}
