package io.creditdesk.notification;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints a start stopped for the webhook encryption key as Spring Boot's "APPLICATION
 * FAILED TO START" report, what is wrong and how to make a key, instead of a stack trace
 * an operator has to read to the bottom. Registered in {@code META-INF/spring.factories}.
 */
class WebhookEncryptionKeyFailureAnalyzer extends AbstractFailureAnalyzer<WebhookEncryptionKeyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, WebhookEncryptionKeyException cause) {
		return new FailureAnalysis(cause.problem(), WebhookEncryptionKeyException.ACTION, cause);
	}

}
