package io.creditdesk.audit;

import io.creditdesk.embedded.SparseField;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Only documents with audit records waiting carry the audit outbox's timestamp, and the
 * mover asks for the oldest of them: the embedded store answers that from memory.
 */
@Configuration(proxyBeanMethods = false)
class AuditOutboxStoreField {

	@Bean
	SparseField auditOutboxSince() {
		return new SparseField(AuditOutbox.SINCE);
	}

}
