package io.creditdesk.events;

import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An exposure snapshot sent again (a crash between Kafka's confirmation and the
 * acknowledgement) keeps its event id, so webhook receivers and consumers that drop
 * duplicates by id drop it; before, each sending had a random id.
 */
class OutboxSnapshotIdTests {

	private final Outbox outbox = new Outbox(JsonMapper.builder().build(), Clock.systemUTC(), null);

	@Test
	void aSnapshotIsNamedByItsCustomerAndSequence() {
		Outbox.Event first = this.outbox.exposureSnapshot("C1", 7, Map.of("customerId", "C1", "sequence", 7));
		Outbox.Event again = this.outbox.exposureSnapshot("C1", 7, Map.of("customerId", "C1", "sequence", 7));
		assertThat(again.eventId()).isEqualTo(first.eventId());
		assertThat(again.json()).contains("\"eventId\":\"" + first.eventId() + "\"");
		assertThat(this.outbox.exposureSnapshot("C1", 8, Map.of()).eventId()).isNotEqualTo(first.eventId());
		assertThat(this.outbox.exposureSnapshot("C2", 7, Map.of()).eventId()).isNotEqualTo(first.eventId());
		assertThat(this.outbox.event(CreditEventType.RISK_FLAG_RAISED, "C1", Map.of()).eventId())
			.isNotEqualTo(this.outbox.event(CreditEventType.RISK_FLAG_RAISED, "C1", Map.of()).eventId());
	}

}
