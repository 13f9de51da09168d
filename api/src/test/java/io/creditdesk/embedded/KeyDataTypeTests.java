package io.creditdesk.embedded;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded store writes its keys without Java serialization ({@link KeyDataType}): an
 * {@code ObjectId} as its 12 bytes and an index key as BSON come back equal to what went
 * in; every other key is written exactly as before; keys written before (Java-serialized)
 * are still read; and a store written by the library opens, finds and takes new keys
 * beside the old ones. Its one instance compares keys correctly while other threads write
 * and size keys of other types.
 */
class KeyDataTypeTests {

	@TempDir
	Path dataDir;

	@Test
	void objectIdsAndIndexKeysAreWrittenCompactlyAndComeBackEqual() {
		ObjectId id = new ObjectId();
		ByteBuffer written = write(KeyDataType.INSTANCE, id);
		assertThat(written.get(0)).isEqualTo(KeyDataType.OBJECT_ID);
		assertThat(written.remaining()).isEqualTo(13);
		assertThat(KeyDataType.INSTANCE.read(written)).isEqualTo(id);
		assertThat(written.remaining()).isZero();

		KeyValue key = new KeyValue("ERP-10042", 42, 1L << 40, 2.5, new Decimal128(new BigDecimal("19.90")), id, null,
				Instant.ofEpochMilli(1_700_000_000_123L), UUID.randomUUID(), true);
		ByteBuffer keyBytes = write(KeyDataType.INSTANCE, key);
		assertThat(keyBytes.get(0)).isEqualTo(KeyDataType.KEY_VALUE);
		int size = keyBytes.remaining();
		assertThat(size).as("BSON, far below the Java-serialized form")
			.isLessThan(write(new ObjectDataType(), key).remaining() / 3);
		Object read = KeyDataType.INSTANCE.read(keyBytes);
		assertThat(read).isEqualTo(key);
		assertThat(keyBytes.remaining()).isZero();
		// Types survive: an int stays an int, a long a long (KeyValue equality needs it).
		assertThat(((KeyValue) read).get(1)).isInstanceOf(Integer.class);
		assertThat(((KeyValue) read).get(2)).isInstanceOf(Long.class);
	}

	@Test
	void otherKeysAreWrittenAsBeforeAndOldKeysAreStillRead() {
		for (Object value : List.of("o-17", 17L, 3, new BigDecimal("1.50"))) {
			ByteBuffer plain = write(new ObjectDataType(), value);
			assertThat(write(KeyDataType.INSTANCE, value)).isEqualTo(plain.duplicate());
			assertThat(KeyDataType.INSTANCE.read(plain)).isEqualTo(value);
		}
		// Keys holding values BSON would not give back as they were (the library's marker
		// for a missing field, a sub-document) are written the old way.
		for (KeyValue other : List.of(new KeyValue(Missing.getInstance(), "x"),
				new KeyValue("x", new Document("currency", "EUR")))) {
			ByteBuffer fallback = write(KeyDataType.INSTANCE, other);
			assertThat(fallback).as(other.toString()).isEqualTo(write(new ObjectDataType(), other));
			assertThat(KeyDataType.INSTANCE.read(fallback)).hasToString(other.toString());
		}
		// Keys Java-serialized before this type existed.
		ObjectId id = new ObjectId();
		KeyValue key = new KeyValue("ERP-1", id);
		assertThat(KeyDataType.INSTANCE.read(write(new ObjectDataType(), id))).isEqualTo(id);
		assertThat(KeyDataType.INSTANCE.read(write(new ObjectDataType(), key))).isEqualTo(key);
	}

	@Test
	void aStoreWrittenByTheLibraryWithObjectIdsTakesNewKeysBesideItsOldOnes() {
		String file = this.dataDir.resolve("legacy.mv").toString();
		List<org.bson.types.ObjectId> ids = new ArrayList<>();
		try (BackendServer store = new BackendServer(new H2Backend(file))) {
			MongoCollection<org.bson.Document> audit = store.collection("audit");
			audit.createIndex(new org.bson.Document("ref", 1),
					new com.mongodb.client.model.IndexOptions().unique(true));
			for (int i = 0; i < 300; i++) {
				org.bson.Document entry = new org.bson.Document("ref", "r" + i).append("n", i);
				audit.insertOne(entry);
				ids.add(entry.getObjectId("_id"));
			}
		}
		for (int round = 0; round < 2; round++) {
			try (BackendServer store = new BackendServer(new IdLookupH2Backend(file, BackendServer.SPARSE_FIELDS))) {
				MongoCollection<org.bson.Document> audit = store.collection("audit");
				for (int i = 0; i < 300; i += 7) {
					assertThat(audit.find(new org.bson.Document("_id", ids.get(i))).first().getInteger("n"))
						.isEqualTo(i);
					assertThat(audit.find(new org.bson.Document("ref", "r" + i)).first().getObjectId("_id"))
						.isEqualTo(ids.get(i));
				}
				if (round == 0) {
					for (int i = 300; i < 600; i++) {
						org.bson.Document entry = new org.bson.Document("ref", "r" + i).append("n", i);
						audit.insertOne(entry);
						ids.add(entry.getObjectId("_id"));
					}
				}
				assertThat(audit.countDocuments()).isEqualTo(600);
				assertThat(audit.find(new org.bson.Document("_id", ids.get(555))).first().getInteger("n"))
					.isEqualTo(555);
				assertThat(audit.find(new org.bson.Document("ref", "r444")).first().getObjectId("_id"))
					.isEqualTo(ids.get(444));
			}
		}
		assertThat(Arrays.asList(ids.toArray())).doesNotHaveDuplicates();
		try (MVStore mv = MVStore.open(file)) {
			assertThat(mv.getMapNames()).contains("creditdesk.audit._index_ref_1");
			// The new keys are no longer Java-serialized: H2's own key type cannot read
			// them (Unsupported type -74, the tag of an ObjectId).
			assertThatThrownBy(() -> mv
				.openMap("databases.creditdesk.audit",
						new MVMap.Builder<Object, Object>().valueType(DocumentDataType.INSTANCE))
				.keyList()
				.forEach(Object::hashCode)).hasMessageContaining("Unsupported type");
			assertThatThrownBy(() -> mv.openMap("creditdesk.audit._index_ref_1").keyList().forEach(Object::hashCode))
				.hasMessageContaining("Unsupported type");
		}
	}

	/**
	 * One instance serves every data map, from query threads and from the thread that
	 * commits pages. H2's own type keeps the last type it saw in a shared field that a
	 * comparison reads twice: with another thread sizing keys of other types meanwhile,
	 * comparing two ObjectIds failed ("Can not compare") or compared with another type's
	 * comparator.
	 */
	@Test
	void keysCompareAsH2OrdersThemWhileOtherThreadsSizeOtherKeys() throws InterruptedException {
		ObjectId low = new ObjectId(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
		ObjectId high = new ObjectId(new byte[] { 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 });
		UUID u1 = new UUID(1, 1);
		UUID u2 = new UUID(1, 2);
		List<Object[]> pairs = List.of(new Object[] { low, high }, new Object[] { high, low },
				new Object[] { "c-1", "c-2" }, new Object[] { u2, u1 }, new Object[] { 7L, 9L },
				new Object[] { "c-1", low }, new Object[] { low, 3 },
				new Object[] { new BigDecimal("1.5"), BigDecimal.ONE },
				new Object[] { Missing.getInstance(), Missing.getInstance() });
		ObjectDataType h2 = new ObjectDataType();
		int[] expected = pairs.stream().mapToInt(pair -> Integer.signum(h2.compare(pair[0], pair[1]))).toArray();
		List<Object> others = Arrays.asList("x", 1, 2L, 1.5, null, BigDecimal.TEN, u1, new Date(0), new int[] { 1 },
				Missing.getInstance());
		AtomicBoolean done = new AtomicBoolean();
		Thread sizer = new Thread(() -> {
			while (!done.get()) {
				for (Object other : others) {
					KeyDataType.INSTANCE.getMemory(other);
				}
			}
		});
		AtomicReference<String> wrong = new AtomicReference<>();
		sizer.start();
		try {
			for (int round = 0; round < 200_000 && wrong.get() == null; round++) {
				for (int i = 0; i < pairs.size(); i++) {
					Object[] pair = pairs.get(i);
					try {
						int got = Integer.signum(KeyDataType.INSTANCE.compare(pair[0], pair[1]));
						if (got != expected[i]) {
							wrong.set(Arrays.toString(pair) + " compared " + got + ", not " + expected[i]);
						}
					}
					catch (RuntimeException ex) {
						wrong.set(Arrays.toString(pair) + ": " + ex);
					}
				}
			}
		}
		finally {
			done.set(true);
			sizer.join();
		}
		assertThat(wrong.get()).isNull();
	}

	private static ByteBuffer write(ObjectDataType type, Object value) {
		WriteBuffer buffer = new WriteBuffer();
		type.write(buffer, value);
		ByteBuffer bytes = buffer.getBuffer();
		bytes.flip();
		return bytes;
	}

}
