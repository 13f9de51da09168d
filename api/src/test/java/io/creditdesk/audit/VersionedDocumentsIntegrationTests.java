package io.creditdesk.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.creditdesk.CreditDeskIntegrationTest;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The versioned, audited write and the level chain read on the service's store: version 1
 * inserts, a later version replaces only the version read, a stale or lost write refuses
 * with the caller's refusal and leaves the document as it was, the audit record is
 * written with the change (and an earlier one still waiting in the document stays), and
 * the chain lists the stored levels most specific first.
 */
@CreditDeskIntegrationTest
class VersionedDocumentsIntegrationTests {

	/** A document stored per level, as the policy stores keep theirs. */
	record LevelProbe(@Id String id, String level, String note, long version) {
	}

	@Autowired
	private VersionedDocuments documents;

	@Autowired
	private AuditLog audit;

	@Autowired
	private MongoTemplate mongo;

	@BeforeEach
	void register() {
		this.audit.register(LevelProbe.class);
	}

	private static AuditRecord entry(String id, String note) {
		return new AuditRecord(new ObjectId().toHexString(),
				Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS), "tester", "PROBE_CHANGED",
				"PROBE", id, null, "because", List.of(new AuditRecord.FieldChange("note", null, note)));
	}

	private static CreditDeskException lost() {
		return CreditDeskException.refuse(CommonErrorCode.CONCURRENT_MODIFICATION, "expectedVersion");
	}

	private LevelProbe write(String id, long readVersion, String note) {
		return this.documents.write(LevelProbe.class, id, readVersion,
				new LevelProbe(id, "SEGMENT", note, readVersion + 1), entry(id, note),
				VersionedDocumentsIntegrationTests::lost);
	}

	private List<AuditRecord> trail(String id) {
		return this.mongo.find(Query.query(Criteria.where("entityType").is("PROBE").and("entityId").is(id)),
				AuditRecord.class);
	}

	private Document raw(String id) {
		return this.mongo.getCollection(this.mongo.getCollectionName(LevelProbe.class))
			.find(new Document("_id", id))
			.first();
	}

	private static String newId() {
		return "SEGMENT:" + UUID.randomUUID();
	}

	/**
	 * Each row: the versions already stored one after another (0: none), the version the
	 * writer read, and whether the write is stored (as the next version) or refused.
	 */
	@ParameterizedTest(name = "stored {0}, read {1}: {2}")
	@CsvSource({ "0, 0, stored", "1, 1, stored", "3, 3, stored", "1, 0, refused", "2, 1, refused", "1, 2, refused",
			"0, 1, refused" })
	void writesOnlyOverTheVersionRead(int storedVersions, long readVersion, String outcome) {
		String id = newId();
		for (int version = 0; version < storedVersions; version++) {
			write(id, version, "v" + (version + 1));
		}
		if (outcome.equals("stored")) {
			LevelProbe stored = write(id, readVersion, "next");
			assertThat(stored.version()).isEqualTo(readVersion + 1);
			assertThat(this.mongo.findById(id, LevelProbe.class)).isEqualTo(stored);
			assertThat(trail(id)).hasSize(storedVersions + 1);
		}
		else {
			assertThatExceptionOfType(CreditDeskException.class).isThrownBy(() -> write(id, readVersion, "next"))
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(CommonErrorCode.CONCURRENT_MODIFICATION.name()));
			LevelProbe kept = this.mongo.findById(id, LevelProbe.class);
			assertThat((kept != null) ? kept.version() : 0).isEqualTo(storedVersions);
			assertThat(trail(id)).hasSize(storedVersions);
		}
	}

	@Test
	void concurrentFirstInsertsOfOneLevelStoreOneAndRefuseTheRest() throws Exception {
		String id = newId();
		int writers = 6;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(writers);
		try {
			List<Future<LevelProbe>> results = new ArrayList<>();
			for (int i = 0; i < writers; i++) {
				String note = "writer " + i;
				Callable<LevelProbe> writer = () -> {
					start.await();
					return write(id, 0, note);
				};
				results.add(pool.submit(writer));
			}
			start.countDown();
			int stored = 0;
			int refused = 0;
			for (Future<LevelProbe> result : results) {
				try {
					result.get();
					stored++;
				}
				catch (ExecutionException ex) {
					assertThat(ex.getCause()).isInstanceOf(CreditDeskException.class);
					refused++;
				}
			}
			assertThat(stored).isEqualTo(1);
			assertThat(refused).isEqualTo(writers - 1);
			assertThat(trail(id)).hasSize(1);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void anUpdateKeepsAnEarlierRecordStillWaitingInTheDocument() {
		String id = newId();
		write(id, 0, "first");
		AuditRecord waiting = entry(id, "waiting");
		this.mongo.getCollection(this.mongo.getCollectionName(LevelProbe.class))
			.updateOne(new Document("_id", id),
					new Document("$push", new Document(AuditOutbox.ENTRIES, AuditOutbox.toDocument(waiting))));
		AuditRecord second = entry(id, "second");
		this.documents.write(LevelProbe.class, id, 1, new LevelProbe(id, "SEGMENT", "second", 2), second,
				VersionedDocumentsIntegrationTests::lost);
		assertThat(trail(id)).extracting(AuditRecord::id).contains(second.id()).doesNotContain(waiting.id());
		assertThat(raw(id).getList(AuditOutbox.ENTRIES, Document.class)).extracting((d) -> d.get("_id").toString())
			.containsExactly(waiting.id());
	}

	@Test
	void aFieldTheNewVersionLeavesEmptyIsRemoved() {
		String id = newId();
		write(id, 0, "set");
		LevelProbe stored = write(id, 1, null);
		assertThat(stored.note()).isNull();
		assertThat(raw(id)).doesNotContainKey("note").containsEntry("version", 2L);
	}

	@Test
	void theRecordIsInTheTrailRightAfterTheWrite() {
		String id = newId();
		write(id, 0, "first");
		assertThat(trail(id)).singleElement().satisfies((record) -> {
			assertThat(record.action()).isEqualTo("PROBE_CHANGED");
			assertThat(record.changes()).containsExactly(new AuditRecord.FieldChange("note", null, "first"));
		});
		assertThat(raw(id)).doesNotContainKey(AuditOutbox.ENTRIES);
	}

	@Test
	void theChainListsTheStoredLevelsMostSpecificFirst() {
		String suffix = UUID.randomUUID().toString();
		String tier = "TIER:" + suffix;
		String segment = "SEGMENT:" + suffix;
		String global = "GLOBAL:" + suffix;
		write(global, 0, "global");
		write(tier, 0, "tier");
		assertThat(this.documents.chain(LevelProbe.class, List.of(tier, "INDUSTRY:" + suffix, segment, global)))
			.extracting(LevelProbe::note)
			.containsExactly("tier", "global");
		assertThat(this.documents.chain(LevelProbe.class, List.of(segment))).isEmpty();
	}

	/** Each row: the ids most specific first, the ids stored, the chain. */
	@ParameterizedTest(name = "{0} over {1}: {2}")
	@CsvSource(delimiter = '|', value = { "T,I,S,G | G         | G", "T,I,S,G | G,S,T     | T,S,G",
			"T,I,S,G | -         | -", "C,T,G   | T,C       | C,T", "S,G     | G,S,X     | S,G" })
	void inOrderKeepsTheOrderOfTheIds(String ids, String stored, String chain) {
		Map<String, String> found = new LinkedHashMap<>();
		list(stored).forEach((id) -> found.put(id, id));
		assertThat(VersionedDocuments.inOrder(list(ids), found)).containsExactlyElementsOf(list(chain));
	}

	private static List<String> list(String csv) {
		return csv.equals("-") ? List.of() : Arrays.asList(csv.split(","));
	}

	@Test
	void isStaleOnlyWhenTheCallerNamedAnotherVersion() {
		assertThat(VersionedDocuments.isStale(null, 3)).isFalse();
		assertThat(VersionedDocuments.isStale(3, 3)).isFalse();
		assertThat(VersionedDocuments.isStale(3L, 3)).isFalse();
		assertThat(VersionedDocuments.isStale(2, 3)).isTrue();
		assertThat(VersionedDocuments.isStale(0L, 1)).isTrue();
	}

}
