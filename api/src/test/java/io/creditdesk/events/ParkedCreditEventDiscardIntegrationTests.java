package io.creditdesk.events;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.creditdesk.CreditDeskIntegrationTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

import static io.creditdesk.GraphQlClients.as;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An operator discards a parked credit event that can never be handled: it is no longer
 * listed, counted or re-driven, and the trail says who discarded it and why. Each test
 * parks events of a group of its own (no listener reads it), straight into the store.
 */
@CreditDeskIntegrationTest
class ParkedCreditEventDiscardIntegrationTests {

	private static final String DISCARD = "mutation($id: ID!, $reason: String!) { discardParkedCreditEvent(input: "
			+ "{id: $id, reason: $reason}) { parkedCreditEvent { id groupId eventId customerId error } "
			+ "userErrors { code field message } } }";

	@Autowired
	private ParkedCreditEvents parked;

	@Autowired
	private HttpGraphQlTester graphQl;

	@Autowired
	private MongoTemplate mongo;

	private final String run = UUID.randomUUID().toString();

	private final AtomicInteger handled = new AtomicInteger();

	private final CreditEventGroup group = new CreditEventGroup("test-discard", "discard-" + this.run, true,
			event -> this.handled.incrementAndGet());

	@Test
	@SuppressWarnings("unchecked")
	void aDiscardedEventIsGoneForGoodAndAudited() {
		String eventId = park();
		String id = this.group.groupId() + ":" + eventId;
		List<Map<String, Object>> listed = listed();
		assertThat(listed).singleElement().satisfies(event -> assertThat(event).containsEntry("id", id));

		Map<String, Object> payload = discard("admin", id, "  Customer deleted: nothing left to alert on  ");
		assertThat((List<?>) payload.get("userErrors")).isEmpty();
		assertThat((Map<String, Object>) payload.get("parkedCreditEvent")).containsEntry("id", id)
			.containsEntry("groupId", this.group.groupId())
			.containsEntry("eventId", eventId)
			.containsEntry("customerId", "discard-" + this.run)
			.containsEntry("error", "IllegalStateException: the handler has a bug");

		assertThat(this.parked.find(this.group.groupId(), eventId)).isNull();
		assertThat(listed()).isEmpty();
		assertThat(this.parked.counts()).doesNotContainKey(this.group.groupId());
		assertThat(this.parked.redrive(this.group, true)).isZero();
		assertThat(this.handled).hasValue(0);

		List<Document> trail = this.mongo.find(
				Query.query(Criteria.where("entityType").is("PARKED_CREDIT_EVENT").and("entityId").is(id)),
				Document.class, "audit_records");
		assertThat(trail).singleElement().satisfies(record -> {
			assertThat(record.getString("action")).isEqualTo("PARKED_CREDIT_EVENT_DISCARDED");
			assertThat(record.getString("actor")).isEqualTo("admin");
			assertThat(record.getString("reason")).isEqualTo("Customer deleted: nothing left to alert on");
			assertThat(record.getString("customerId")).isEqualTo("discard-" + this.run);
		});

		Map<String, Object> again = discard("admin", id, "twice");
		assertThat(again.get("parkedCreditEvent")).isNull();
		assertThat(again.get("userErrors")).asString()
			.contains("PARKED_EVENT_NOT_FOUND")
			.contains("field=id")
			.contains(id);
	}

	@Test
	void aDiscardNeedsAReasonOfAtMost500CharactersAndAKnownId() {
		String eventId = park();
		String id = this.group.groupId() + ":" + eventId;
		assertThat(discard("admin", id, " ").get("userErrors")).asString().contains("REQUIRED").contains("reason");
		assertThat(discard("admin", id, "x".repeat(501)).get("userErrors")).asString()
			.contains("TOO_LONG")
			.contains("reason");
		assertThat(discard("admin", this.group.groupId() + ":no-such-event", "r").get("userErrors")).asString()
			.contains("PARKED_EVENT_NOT_FOUND");
		assertThat(this.parked.find(this.group.groupId(), eventId)).isNotNull();
		assertThat(listed()).hasSize(1);
		assertThat(this.parked.redrive(this.group, true)).isEqualTo(1);
	}

	/**
	 * A discard that stopped before its document was removed (the audit record waits in
	 * it for the mover) leaves an event that is neither listed, counted nor re-driven.
	 */
	@Test
	void aDiscardedEventLeftInTheStoreIsNeitherListedNorRedriven() {
		String eventId = park();
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(this.group.groupId() + ":" + eventId)),
				new Update().set("discardedAt", new Date()), ParkedCreditEvents.COLLECTION);
		assertThat(listed()).isEmpty();
		assertThat(this.parked.counts()).doesNotContainKey(this.group.groupId());
		assertThat(this.parked.redrive(this.group, true)).isZero();
		assertThat(this.handled).hasValue(0);
	}

	private String park() {
		String eventId = UUID.randomUUID().toString();
		String json = """
				{"eventId":"%s","type":"CreditLimitRequestResumed","schemaVersion":1,"occurredAt":"%s",
				 "customerId":"discard-%s","data":{"requestId":"none"}}
				""".formatted(eventId, Instant.parse("2001-01-01T00:00:00Z"), this.run);
		this.parked.park(this.group, new ConsumerRecord<>("creditdesk.credit-events", 0, 42L, "k", json),
				new IllegalStateException("the handler has a bug"), CreditEventListeners.ATTEMPTS);
		return eventId;
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> discard(String user, String id, String reason) {
		return as(this.graphQl, user).document(DISCARD)
			.variable("id", id)
			.variable("reason", reason)
			.execute()
			.path("discardParkedCreditEvent")
			.entity(Map.class)
			.get();
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> listed() {
		return as(this.graphQl, "admin")
			.document("query($g: String) { parkedCreditEvents(groupId: $g) { id eventId } }")
			.variable("g", this.group.groupId())
			.execute()
			.path("parkedCreditEvents")
			.entity(List.class)
			.get();
	}

}
