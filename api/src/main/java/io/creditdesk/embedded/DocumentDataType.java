package io.creditdesk.embedded;

import java.nio.ByteBuffer;
import java.util.ConcurrentModificationException;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The value type of the embedded store's document maps: a document is written as BSON,
 * behind a tag byte that {@link ObjectDataType} never writes; everything else, and every
 * value written before this type existed, is read and written by {@link ObjectDataType}
 * (same bytes as before). Old and new values can therefore share a page, and a store file
 * written by the library opens unchanged: its documents move to BSON as their pages are
 * rewritten.
 * <p>
 * {@link ObjectDataType} writes a document, which it does not know, with Java
 * serialization: class descriptors and reflection for every document, nested document and
 * value, on every write of every page that holds it. Under order intake that was an
 * eighth of the service's CPU. BSON is the format the documents arrived in
 * (mongo-java-server's own codec, the one its wire protocol uses), so every document the
 * server stores can be written; should one not be (a value the codec does not know), it
 * is written the old way.
 * <p>
 * H2 sizes pages and its cache by the memory it estimates for each value. For a document
 * that is a running average of the BSON sizes written, times
 * {@link #MEMORY_PER_BSON_BYTE}: about what {@link ObjectDataType} estimated (the
 * Java-serialized size, 1.6-1.7 times the BSON size for an order), so pages and the cache
 * hold as many documents as before.
 */
final class DocumentDataType extends ObjectDataType {

	static final DocumentDataType INSTANCE = new DocumentDataType();

	/** Not a tag of {@link ObjectDataType} (it uses 0-19, 32-49 and 64-119). */
	static final byte BSON = (byte) 0xB5;

	/** Estimated memory per byte of BSON. */
	static final int MEMORY_PER_BSON_BYTE = 2;

	private static final ThreadLocal<ByteBuf> BUFFERS = ThreadLocal.withInitial(() -> Unpooled.buffer(4096));

	private volatile int averageSize = 1024;

	@Override
	public int getMemory(Object value) {
		if (value instanceof Document) {
			return this.averageSize * MEMORY_PER_BSON_BYTE;
		}
		return super.getMemory(value);
	}

	@Override
	public void write(WriteBuffer out, Object value) {
		if (!(value instanceof Document document)) {
			super.write(out, value);
			return;
		}
		ByteBuf bson = BUFFERS.get();
		if (!encode(document, bson)) {
			super.write(out, value);
			return;
		}
		int size = bson.readableBytes();
		out.put(BSON).putVarInt(size).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), size);
		this.averageSize = (size + 15 * this.averageSize) / 16;
		if (bson.capacity() > 1 << 20) {
			// One very large document: do not keep its buffer.
			BUFFERS.remove();
		}
	}

	/**
	 * Encodes {@code document} into {@code bson}; false if the codec cannot. The library
	 * updates stored documents in place, so a document may change while an older page
	 * that holds it is written: that attempt is repeated (the page is written again
	 * anyway once the update is stored).
	 */
	private static boolean encode(Document document, ByteBuf bson) {
		for (int attempt = 1;; attempt++) {
			bson.clear();
			try {
				BsonEncoder.encodeDocument(document, bson);
				return true;
			}
			catch (ConcurrentModificationException ex) {
				if (attempt == 5) {
					return false;
				}
			}
			catch (RuntimeException ex) {
				return false;
			}
		}
	}

	@Override
	public Object read(ByteBuffer in) {
		if (in.get(in.position()) != BSON) {
			return super.read(in);
		}
		in.get();
		int size = DataUtils.readVarInt(in);
		byte[] bytes = new byte[size];
		in.get(bytes);
		return BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes));
	}

}
