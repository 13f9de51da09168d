package io.creditdesk.embedded;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.ConcurrentModificationException;
import java.util.LinkedHashMap;

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
 * <p>
 * H2 writes a page whole whenever one of its entries changes, and a commit of the durable
 * store follows every few writes (group commit), so a document that did not change is
 * written again with every change of a neighbour in its page: under order entry most of
 * the documents encoded were the unchanged neighbours of a customer just reserved
 * against, a tenth of the service's CPU. The BSON of a document is therefore kept, by the
 * document's identity, in a bounded cache ({@link EncodedDocuments}) and written from
 * there while the document is unchanged. The cache holds its documents weakly: it keeps
 * bytes only for documents the store still holds (in a cached page, or in a write under
 * way), never a document itself. A decoded document takes several times its BSON on the
 * heap, and with the documents kept strongly its 32 MiB of bytes held a few hundred MB of
 * documents that no page held any more (old versions, pages evicted), which filled the
 * 512 MB heap of the README's demo run. The library changes stored documents in place and
 * then stores them again ({@code handleUpdate}); the store calls
 * {@link #changed(Document)} there, before the document is put back, which drops its
 * bytes, and bytes encoded while a change was under way are never kept (see
 * {@link EncodedDocuments#keep}).
 */
final class DocumentDataType extends ObjectDataType {

	static final DocumentDataType INSTANCE = new DocumentDataType();

	/** Not a tag of {@link ObjectDataType} (it uses 0-19, 32-49 and 64-119). */
	static final byte BSON = (byte) 0xB5;

	/** Estimated memory per byte of BSON. */
	static final int MEMORY_PER_BSON_BYTE = 2;

	/** The most BSON bytes {@link EncodedDocuments} keeps. */
	static final long CACHED_BYTES = 32L << 20;

	private static final ThreadLocal<ByteBuf> BUFFERS = ThreadLocal.withInitial(() -> Unpooled.buffer(4096));

	private volatile int averageSize = 1024;

	private final EncodedDocuments encoded = new EncodedDocuments(CACHED_BYTES);

	/**
	 * Called by the store after {@code document}, a stored document, was changed in place
	 * and before it is stored again: its bytes are no longer its BSON.
	 */
	void changed(Document document) {
		this.encoded.forget(document);
	}

	/** The cache of encoded documents (tests). */
	EncodedDocuments encoded() {
		return this.encoded;
	}

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
		byte[] kept = this.encoded.get(document);
		if (kept != null) {
			out.put(BSON).putVarInt(kept.length).put(kept);
			return;
		}
		long stamp = this.encoded.stamp();
		ByteBuf bson = BUFFERS.get();
		if (!encode(document, bson)) {
			super.write(out, value);
			return;
		}
		int size = bson.readableBytes();
		int offset = bson.arrayOffset() + bson.readerIndex();
		out.put(BSON).putVarInt(size).put(bson.array(), offset, size);
		this.encoded.keep(document, Arrays.copyOfRange(bson.array(), offset, offset + size), stamp);
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

	/**
	 * BSON of stored documents by identity, least recently written out first, at most
	 * {@code maxBytes} of it. Correctness rests on one rule: bytes are kept only if no
	 * stored document changed while they were encoded. A change in place is followed by
	 * {@link #forget} (the store's {@code handleUpdate}), which counts the change and
	 * drops the document's bytes under the same lock as {@link #keep}; an encoder that
	 * started before that count moved keeps nothing, and bytes kept before the change are
	 * dropped by it. So the bytes in the cache are always the document's state since its
	 * last change.
	 * <p>
	 * Documents are held weakly: bytes are useful only while the store still holds the
	 * document (its page in the page cache, or a write under way); once the garbage
	 * collector has cleared a document, its entry and bytes are dropped at the next call.
	 */
	static final class EncodedDocuments {

		private final long maxBytes;

		private final LinkedHashMap<Identity, byte[]> bytes = new LinkedHashMap<>(1024, 0.75f, true);

		private final ReferenceQueue<Document> cleared = new ReferenceQueue<>();

		private long size;

		private long changes;

		private long hits;

		private long misses;

		EncodedDocuments(long maxBytes) {
			this.maxBytes = maxBytes;
		}

		synchronized byte[] get(Document document) {
			expunge();
			byte[] kept = this.bytes.get(new Identity(document, null));
			if (kept != null) {
				this.hits++;
			}
			else {
				this.misses++;
			}
			return kept;
		}

		/** The count of changes, read before encoding and handed to {@link #keep}. */
		synchronized long stamp() {
			return this.changes;
		}

		synchronized void keep(Document document, byte[] encoded, long stamp) {
			expunge();
			if (stamp != this.changes || encoded.length > this.maxBytes / 16) {
				return;
			}
			Identity key = new Identity(document, this.cleared);
			byte[] previous = this.bytes.remove(key);
			this.bytes.put(key, encoded);
			this.size += encoded.length - ((previous != null) ? previous.length : 0);
			var eldest = this.bytes.entrySet().iterator();
			while (this.size > this.maxBytes && eldest.hasNext()) {
				this.size -= eldest.next().getValue().length;
				eldest.remove();
			}
		}

		synchronized void forget(Document document) {
			expunge();
			this.changes++;
			byte[] previous = this.bytes.remove(new Identity(document, null));
			if (previous != null) {
				this.size -= previous.length;
			}
		}

		synchronized long hits() {
			return this.hits;
		}

		synchronized long misses() {
			return this.misses;
		}

		synchronized long size() {
			expunge();
			return this.size;
		}

		/** The count of documents with kept bytes (tests). */
		synchronized int count() {
			expunge();
			return this.bytes.size();
		}

		/** Drops the entries of documents the garbage collector has cleared. */
		private void expunge() {
			for (Reference<? extends Document> ref; (ref = this.cleared.poll()) != null;) {
				byte[] previous = this.bytes.remove(ref);
				if (previous != null) {
					this.size -= previous.length;
				}
			}
		}

		synchronized void clear() {
			this.bytes.clear();
			while (this.cleared.poll() != null) {
				// entries already gone
			}
			this.size = 0;
			this.changes++;
		}

	}

	/**
	 * A document as a key by identity (documents compare by content otherwise), held
	 * weakly. A cleared key equals only itself, which is how {@link EncodedDocuments}
	 * removes it.
	 */
	private static final class Identity extends WeakReference<Document> {

		private final int hash;

		Identity(Document document, ReferenceQueue<Document> queue) {
			super(document, queue);
			this.hash = System.identityHashCode(document);
		}

		@Override
		public boolean equals(Object other) {
			if (other == this) {
				return true;
			}
			if (!(other instanceof Identity that)) {
				return false;
			}
			Document document = get();
			return document != null && that.get() == document;
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

}
