package io.creditdesk.notification;

/**
 * The webhook encryption key is missing where it is required, or malformed: the service
 * does not start. {@link WebhookEncryptionKeyFailureAnalyzer} prints it as what is wrong
 * and what to do.
 */
class WebhookEncryptionKeyException extends IllegalStateException {

	static final String ACTION = "Generate a key with `openssl rand -base64 32` and set "
			+ "CREDITDESK_WEBHOOKS_ENCRYPTION_KEY (creditdesk.webhooks.encryption-key) to it, the same key on every "
			+ "instance (README, \"Webhook secret encryption\").";

	private final String problem;

	WebhookEncryptionKeyException(String problem) {
		super(problem + " " + ACTION);
		this.problem = problem;
	}

	/** What is wrong, without what to do. */
	String problem() {
		return this.problem;
	}

}
