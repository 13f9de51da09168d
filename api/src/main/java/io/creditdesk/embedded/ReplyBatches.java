package io.creditdesk.embedded;

import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.backend.AbstractCursor;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * A query's answer in batches of at most {@value #MAX_BATCH_BYTES} bytes of documents, as
 * MongoDB sends it. The library sends every document in the first reply when no batch
 * size is asked for (a driver refuses a reply above 48 MB: a query over many orders
 * failed), and needs a batch size to continue a cursor; here the first batch and every
 * later one hold at most the batch size asked for (all, without one) and at most
 * {@value #MAX_BATCH_BYTES} bytes, at least one document, and the rest waits in a cursor.
 */
final class ReplyBatches {

	/** MongoDB's limit of one batch of documents in a reply: 16 MiB. */
	static final int MAX_BATCH_BYTES = 16 * 1024 * 1024;

	private ReplyBatches() {
	}

	/**
	 * How many of {@code documents}, from the first, go into one batch: at most
	 * {@code batchSize} (all when it is not positive), at most {@value #MAX_BATCH_BYTES}
	 * bytes, at least one.
	 */
	static int cut(List<Document> documents, int batchSize) {
		int count = (batchSize > 0) ? Math.min(batchSize, documents.size()) : documents.size();
		if (count <= 1) {
			return count;
		}
		ByteBuf bson = Unpooled.buffer(4096);
		long bytes = 0;
		for (int i = 0; i < count; i++) {
			bson.clear();
			BsonEncoder.encodeDocument(documents.get(i), bson);
			bytes += bson.writerIndex();
			if (bytes > MAX_BATCH_BYTES && i > 0) {
				return i;
			}
		}
		return count;
	}

	/** The documents of an answer not sent yet, taken in batches as above. */
	static final class Cursor extends AbstractCursor {

		private List<Document> remaining;

		Cursor(long id, List<Document> remaining) {
			super(id);
			this.remaining = remaining;
		}

		@Override
		public synchronized boolean isEmpty() {
			return this.remaining.isEmpty();
		}

		@Override
		public synchronized List<Document> takeDocuments(int batchSize) {
			int count = cut(this.remaining, batchSize);
			List<Document> batch = new ArrayList<>(this.remaining.subList(0, count));
			this.remaining = this.remaining.subList(count, this.remaining.size());
			return batch;
		}

	}

}
