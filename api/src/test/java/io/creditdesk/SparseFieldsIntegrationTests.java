package io.creditdesk;

import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.embedded.EmbeddedMongoServer;
import io.creditdesk.events.Outbox;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded store tracks exactly the sparse fields the capabilities declare: the
 * credit events' outbox, the audit outbox, the Finance worklist and the alert states
 * waiting for their evaluation.
 */
@CreditDeskIntegrationTest
class SparseFieldsIntegrationTests {

	@Autowired
	private EmbeddedMongoServer store;

	@Test
	void theStoreTracksTheFieldsTheCapabilitiesDeclare() {
		assertThat(this.store.sparseFields()).containsExactlyInAnyOrder(Outbox.SINCE, "worklistKey", AuditOutbox.SINCE,
				"pendingAt");
	}

}
