package io.creditdesk.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoCollection;
import io.creditdesk.CreditDeskIntegrationTest;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit outbox on the service's store: a record written into a changed document
 * reaches the trail exactly once, whether the request moves it, the mover does, or both;
 * only what was moved leaves the document. Records here are dated an hour ahead so that
 * the scheduled mover of the shared context leaves them to the test.
 */
@CreditDeskIntegrationTest
class AuditOutboxIntegrationTests {

	/** A document of some capability that carries audit outboxes. */
	record Probe(@Id String id, String name) {
	}

	@Autowired
	private AuditLog audit;

	@Autowired
	private AuditOutboxMover mover;

	@Autowired
	private MongoTemplate mongo;

	private MongoCollection<Document> probes;

	@BeforeEach
	void register() {
		this.audit.register(Probe.class);
		this.probes = this.mongo.getCollection(this.mongo.getCollectionName(Probe.class));
	}

	private static AuditRecord entry(String probeId, String action) {
		return new AuditRecord(new ObjectId().toHexString(),
				Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS), "tester", action, "PROBE",
				probeId, null, "because", List.of(new AuditRecord.FieldChange("name", null, "first"),
						new AuditRecord.FieldChange("flag", "on", null)));
	}

	/**
	 * Inserts a probe with {@code created} in the same document, as the services insert.
	 */
	private String insertProbe(AuditRecord created) {
		String id = created.entityId();
		this.probes.insertOne(AuditOutbox.attach(new Document("_id", id).append("name", "first"), created));
		return id;
	}

	private List<AuditRecord> trail(String probeId) {
		return this.mongo.find(Query.query(Criteria.where("entityType").is("PROBE").and("entityId").is(probeId)),
				AuditRecord.class);
	}

	private Document probe(String id) {
		return this.probes.find(new Document("_id", id)).first();
	}

	private static String newProbeId() {
		return "probe-" + UUID.randomUUID();
	}

	@Test
	void aSettledRecordIsInTheTrailAsMadeAndLeavesTheDocument() {
		AuditRecord created = entry(newProbeId(), "PROBE_CREATED");
		String id = insertProbe(created);
		assertThat(probe(id).getList(AuditOutbox.ENTRIES, Document.class)).hasSize(1);

		this.audit.settle(Probe.class, id, created);

		assertThat(trail(id)).containsExactly(created);
		assertThat(probe(id)).doesNotContainKeys(AuditOutbox.ENTRIES, AuditOutbox.SINCE).containsEntry("name", "first");
	}

	@Test
	void aRecordMovedTwiceIsStoredOnce() {
		AuditRecord created = entry(newProbeId(), "PROBE_CREATED");
		String id = insertProbe(created);

		this.audit.settle(Probe.class, id, created);
		this.audit.settle(Probe.class, id, created);
		// The mover finds nothing left, and moving the same record from a copy of the
		// document does nothing new.
		this.mover.moveWrittenBefore(created.at().plusSeconds(1));
		this.audit.move(this.probes, id, List.of(AuditOutbox.toDocument(created)));

		assertThat(trail(id)).containsExactly(created);
	}

	@Test
	void aMoveCutShortAfterTheInsertIsFinishedByTheMoverWithoutADuplicate() {
		AuditRecord created = entry(newProbeId(), "PROBE_CREATED");
		String id = insertProbe(created);
		// The request inserted the record into the trail, then crashed before taking it
		// out of the document.
		this.mongo.getCollection(this.mongo.getCollectionName(AuditRecord.class))
			.insertOne(AuditOutbox.toDocument(created));

		this.mover.moveWrittenBefore(created.at().plusSeconds(1));

		assertThat(trail(id)).containsExactly(created);
		assertThat(probe(id)).doesNotContainKeys(AuditOutbox.ENTRIES, AuditOutbox.SINCE);
	}

	@Test
	void aRecordLeftBehindIsMovedByTheMoverOnceItIsOlderThanTheGrace() {
		AuditRecord created = entry(newProbeId(), "PROBE_CREATED");
		String id = insertProbe(created);
		// The request crashed before its move.

		this.mover.moveWrittenBefore(created.at());
		assertThat(trail(id)).isEmpty();
		assertThat(probe(id).getList(AuditOutbox.ENTRIES, Document.class)).hasSize(1);

		this.mover.moveWrittenBefore(created.at().plusMillis(1));
		assertThat(trail(id)).containsExactly(created);
		assertThat(probe(id)).doesNotContainKeys(AuditOutbox.ENTRIES, AuditOutbox.SINCE);
	}

	@Test
	void onlyTheMovedRecordLeavesTheDocument() {
		AuditRecord created = entry(newProbeId(), "PROBE_CREATED");
		String id = insertProbe(created);
		AuditRecord renamed = entry(id, "PROBE_RENAMED");
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				AuditOutbox.push(new Update().set("name", "second"), renamed), Probe.class);

		this.audit.settle(Probe.class, id, renamed);
		Document half = probe(id);
		assertThat(half.getList(AuditOutbox.ENTRIES, Document.class)).extracting(e -> e.get("_id"))
			.containsExactly(new ObjectId(created.id()));
		assertThat(half).containsKey(AuditOutbox.SINCE).containsEntry("name", "second");

		this.audit.settle(Probe.class, id, created);
		assertThat(trail(id)).containsExactlyInAnyOrder(created, renamed);
		assertThat(probe(id)).doesNotContainKeys(AuditOutbox.ENTRIES, AuditOutbox.SINCE);
	}

}
