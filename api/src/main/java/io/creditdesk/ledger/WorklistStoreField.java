package io.creditdesk.ledger;

import io.creditdesk.embedded.SparseField;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Only orders waiting for Finance carry a worklist key, and the worklist pages through
 * them in key order: the embedded store answers that from memory.
 */
@Configuration(proxyBeanMethods = false)
class WorklistStoreField {

	@Bean
	SparseField worklistKey() {
		return new SparseField(OrderStore.WORKLIST_KEY);
	}

}
