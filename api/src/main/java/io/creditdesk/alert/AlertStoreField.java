package io.creditdesk.alert;

import io.creditdesk.embedded.SparseField;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Only the alert states with an evaluation still to apply carry {@code pendingAt}, and
 * the retry of those asks for them alone: the embedded store answers that from memory, as
 * a real MongoDB does from the sparse index {@code AlertStore} creates.
 */
@Configuration(proxyBeanMethods = false)
class AlertStoreField {

	@Bean
	SparseField alertPendingSince() {
		return new SparseField(AlertStore.PENDING_SINCE);
	}

}
