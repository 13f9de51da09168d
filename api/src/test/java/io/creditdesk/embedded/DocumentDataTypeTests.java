package io.creditdesk.embedded;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.BsonTimestamp;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.MaxKey;
import de.bwaldvogel.mongo.bson.MinKey;
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
 * The embedded store writes documents as BSON ({@link DocumentDataType}): every value
 * type the server stores comes back as it went in, a value the codec cannot write is
 * written the old way, and stores whose documents were written by the library (Java
 * serialization) open, read and update unchanged, old and new values side by side.
 */
class DocumentDataTypeTests {

	@TempDir
	Path dataDir;

	@Test
	void everyStoredValueTypeComesBackAsItWentIn() {
		Document nested = new Document("amount", new Decimal128(new BigDecimal("1234.50"))).append("currency", "EUR");
		Document document = new Document("_id", "o-1").append("oid", new ObjectId())
			.append("int", 42)
			.append("long", 1L << 40)
			.append("double", 2.5)
			.append("decimal", new Decimal128(new BigDecimal("-0.000001")))
			.append("string", "Grüße, 東京")
			.append("true", true)
			.append("null", null)
			.append("at", Instant.ofEpochMilli(1_700_000_000_123L))
			.append("money", nested)
			.append("list", List.of("a", 1, new Document("deep", List.of(List.of(1L, 2L)))))
			.append("empty", List.of())
			.append("uuid", UUID.randomUUID())
			.append("timestamp", new BsonTimestamp(7L << 32 | 3))
			.append("min", MinKey.getInstance())
			.append("max", MaxKey.getInstance());

		ByteBuffer written = write(DocumentDataType.INSTANCE, document);
		assertThat(written.get(0)).isEqualTo(DocumentDataType.BSON);
		Object read = DocumentDataType.INSTANCE.read(written);
		assertThat(read).isEqualTo(document);
		assertThat(new ArrayList<>(((Document) read).keySet())).containsExactlyElementsOf(document.keySet());
		assertThat(written.remaining()).isZero();

		// (Neither a regular expression nor a byte array has value equality.)
		Document regex = (Document) DocumentDataType.INSTANCE
			.read(write(DocumentDataType.INSTANCE, new Document("r", new BsonRegularExpression("^BENCH-", "i"))));
		assertThat(((BsonRegularExpression) regex.get("r")).getPattern()).isEqualTo("^BENCH-");
		assertThat(((BsonRegularExpression) regex.get("r")).getOptions()).isEqualTo("i");
		byte[] bytes = { 1, 2, 3 };
		Document binary = (Document) DocumentDataType.INSTANCE
			.read(write(DocumentDataType.INSTANCE, new Document("b", bytes)));
		assertThat((byte[]) binary.get("b")).containsExactly(bytes);
	}

	@Test
	void whatTheCodecCannotWriteAndWhatIsNoDocumentAreWrittenTheOldWay() {
		Document withDate = new Document("_id", "d").append("at", new Date(5_000));
		ByteBuffer written = write(DocumentDataType.INSTANCE, withDate);
		assertThat(written.get(0)).isNotEqualTo(DocumentDataType.BSON);
		assertThat(new ObjectDataType().read(written.duplicate())).isEqualTo(withDate);
		assertThat(DocumentDataType.INSTANCE.read(written)).isEqualTo(withDate);

		for (Object value : List.of("text", 17L, 3, new BigDecimal("1.50"))) {
			ByteBuffer plain = write(new ObjectDataType(), value);
			assertThat(write(DocumentDataType.INSTANCE, value)).isEqualTo(plain.duplicate());
			assertThat(DocumentDataType.INSTANCE.read(plain)).isEqualTo(value);
		}
	}

	@Test
	void storesWrittenByTheLibraryOpenAndMoveToBsonAsTheyAreRewritten() {
		String file = this.dataDir.resolve("legacy.mv").toString();
		try (BackendServer store = new BackendServer(new H2Backend(file))) {
			List<org.bson.Document> docs = new ArrayList<>();
			for (int i = 0; i < 500; i++) {
				docs.add(order(i));
			}
			store.collection("orders").insertMany(docs);
		}
		try (BackendServer store = new BackendServer(new IdLookupH2Backend(file, BackendServer.SPARSE_FIELDS))) {
			MongoCollection<org.bson.Document> orders = store.collection("orders");
			assertThat(orders.countDocuments()).isEqualTo(500);
			assertThat(orders.find(new org.bson.Document("_id", "o7")).first()).isEqualTo(order(7));
			// New and rewritten documents next to untouched old ones, in the same pages.
			orders.insertOne(order(1000));
			for (int i = 0; i < 500; i += 2) {
				orders.updateOne(new org.bson.Document("_id", "o" + i),
						new org.bson.Document("$set", new org.bson.Document("status", "SHIPPED")));
			}
		}
		try (MVStore mv = MVStore.open(file)) {
			// The library's own value type can no longer read a rewritten document: it is
			// BSON now.
			MVMap<Object, Object> plain = mv.openMap("databases.creditdesk.orders");
			assertThatThrownBy(() -> plain.get("o2")).isNotNull();
		}
		try (BackendServer store = new BackendServer(new IdLookupH2Backend(file, BackendServer.SPARSE_FIELDS))) {
			MongoCollection<org.bson.Document> orders = store.collection("orders");
			assertThat(orders.countDocuments()).isEqualTo(501);
			for (int i = 0; i < 500; i++) {
				org.bson.Document expected = order(i);
				if (i % 2 == 0) {
					expected.put("status", "SHIPPED");
				}
				assertThat(orders.find(new org.bson.Document("_id", "o" + i)).first()).isEqualTo(expected);
			}
			assertThat(orders.find(new org.bson.Document("_id", "o1000")).first()).isEqualTo(order(1000));
			assertThat(orders.countDocuments(new org.bson.Document("status", "SHIPPED"))).isEqualTo(250);
		}
	}

	private static org.bson.Document order(int i) {
		return new org.bson.Document("_id", "o" + i).append("customerId", "c" + (i % 7))
			.append("amount",
					new org.bson.Document("amount", new org.bson.types.Decimal128(new BigDecimal(i + ".25")))
						.append("currency", "EUR"))
			.append("status", "OPEN")
			.append("placedAt", new Date(1_700_000_000_000L + i))
			.append("reasonCodes", List.of("WITHIN_LIMIT"))
			.append("version", (long) i);
	}

	private static ByteBuffer write(ObjectDataType type, Object value) {
		WriteBuffer buffer = new WriteBuffer();
		type.write(buffer, value);
		ByteBuffer bytes = buffer.getBuffer();
		bytes.flip();
		return bytes;
	}

}
