package io.creditdesk.events;

import io.creditdesk.embedded.SparseField;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Only documents with events waiting carry the outbox's timestamp, and the relay asks for
 * the oldest of them: the embedded store answers that from memory.
 */
@Configuration(proxyBeanMethods = false)
class OutboxStoreField {

	@Bean
	SparseField outboxSince() {
		return new SparseField(Outbox.SINCE);
	}

}
