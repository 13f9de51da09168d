package io.creditdesk.embedded;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The type of the embedded store's keys (a collection's {@code _id}s, a unique index's
 * keys and the ids it points to): an {@link ObjectId} as its 12 bytes and an index key
 * ({@link KeyValue}) as BSON, each behind a tag byte {@link ObjectDataType} never writes;
 * everything else, and every key written before this type existed, is read and written by
 * {@link ObjectDataType} (same bytes as before), so old and new keys share a page and
 * store files written earlier open unchanged.
 * <p>
 * {@link ObjectDataType} writes both with Java serialization (class descriptors and
 * reflection, the key's list and every element), and H2 writes the keys of every inner
 * page again each time a page below it changes: under order entry that was 8.8 % of the
 * service's CPU after the documents themselves had moved to BSON
 * ({@link DocumentDataType}). The order is {@link ObjectDataType}'s: this type changes
 * how a key is written, not how two keys compare.
 * <p>
 * It does change <em>where</em> they are compared. {@link ObjectDataType} caches the type
 * of the last value it saw in a field that every write, size estimate and comparison
 * replaces, and its comparison reads that field more than once: one instance serves every
 * data map of the store, from query threads and from the thread that commits pages, so a
 * comparison could be handed another type's comparator half-way and fail ("Can not
 * compare", seen once while seeding a portfolio) or, worse, compare with the wrong one.
 * Strings and {@link ObjectId}s (every {@code _id} the service writes) compare here
 * directly, in the order {@link ObjectDataType} gives them; any other key compares on an
 * {@link ObjectDataType} of the calling thread's own, whose cache no other thread
 * touches.
 */
class KeyDataType extends ObjectDataType {

	static final KeyDataType INSTANCE = new KeyDataType();

	/**
	 * Not tags of {@link ObjectDataType} (0-19, 32-49, 64-119) nor of documents (0xB5).
	 */
	static final byte OBJECT_ID = (byte) 0xB6;

	static final byte KEY_VALUE = (byte) 0xB7;

	private static final int OBJECT_ID_BYTES = 12;

	private static final String VALUES = "k";

	/** The values an index key holds that BSON gives back equal and of the same class. */
	private static final Set<Class<?>> SCALARS = Set.of(String.class, Integer.class, Long.class, Double.class,
			Boolean.class, Decimal128.class, ObjectId.class, Instant.class, UUID.class);

	private static final ThreadLocal<ByteBuf> BUFFERS = ThreadLocal.withInitial(() -> Unpooled.buffer(256));

	/** The comparator of keys other than strings and ObjectIds, one per thread. */
	private static final ThreadLocal<ObjectDataType> ORDER = ThreadLocal.withInitial(ObjectDataType::new);

	/**
	 * {@link ObjectDataType}'s order without its shared cache: strings by
	 * {@code compareTo} (its string type), ObjectIds by {@code compareTo} (it compares
	 * two {@link Comparable}s of one class so), anything else on the thread's own
	 * instance.
	 */
	@Override
	public int compare(Object a, Object b) {
		if (a instanceof String x && b instanceof String y) {
			return x.compareTo(y);
		}
		if (a instanceof ObjectId x && b instanceof ObjectId y) {
			return x.compareTo(y);
		}
		return ORDER.get().compare(a, b);
	}

	@Override
	public int getMemory(Object value) {
		if (value instanceof ObjectId) {
			// The object, its array and the array's 12 bytes.
			return 64;
		}
		return super.getMemory(value);
	}

	@Override
	public void write(WriteBuffer out, Object value) {
		if (value instanceof ObjectId id) {
			out.put(OBJECT_ID).put(id.toByteArray());
			return;
		}
		if (value instanceof KeyValue key) {
			ByteBuf bson = encode(key);
			if (bson != null) {
				int size = bson.readableBytes();
				out.put(KEY_VALUE).putVarInt(size).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), size);
				if (bson.capacity() > 1 << 16) {
					BUFFERS.remove();
				}
				return;
			}
		}
		super.write(out, value);
	}

	/**
	 * The key's values as the BSON of {@code {k: [values]}}, or null when one of them is
	 * not of a type that BSON gives back as it was: that key is written the old way. (The
	 * codec writes more, but not every such value reads back equal: the library's marker
	 * for a missing field, for one, would come back as another value and the key would no
	 * longer match.)
	 */
	private static ByteBuf encode(KeyValue key) {
		List<Object> values = new ArrayList<>(key.size());
		for (Object value : key) {
			if (value != null && !SCALARS.contains(value.getClass())) {
				return null;
			}
			values.add(value);
		}
		ByteBuf bson = BUFFERS.get();
		bson.clear();
		try {
			BsonEncoder.encodeDocument(new Document(VALUES, values), bson);
			return bson;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	@Override
	public Object read(ByteBuffer in) {
		byte tag = in.get(in.position());
		if (tag == OBJECT_ID) {
			in.get();
			byte[] bytes = new byte[OBJECT_ID_BYTES];
			in.get(bytes);
			return new ObjectId(bytes);
		}
		if (tag == KEY_VALUE) {
			in.get();
			int size = DataUtils.readVarInt(in);
			byte[] bytes = new byte[size];
			in.get(bytes);
			Document document = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
			return new KeyValue((List<?>) document.get(VALUES));
		}
		return super.read(in);
	}

}
