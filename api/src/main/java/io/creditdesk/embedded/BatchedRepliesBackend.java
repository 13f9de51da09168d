package io.creditdesk.embedded;

import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.Cursor;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.InMemoryCursor;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;

/**
 * Answers {@code find} and {@code aggregate} in batches of at most
 * {@value ReplyBatches#MAX_BATCH_BYTES} bytes, as MongoDB does. Asked without a batch
 * size, the library puts every document into the first reply, and a driver refuses a
 * reply above 48 MB (a query over every approved order of a large book failed with "The
 * reply message length ... is greater than the maximum message length"), and with one it
 * cuts by count alone: here the first batch holds what fits within the limit and the rest
 * waits in a cursor the driver continues with {@code getMore}, each batch again within
 * the batch size asked for and the limit (the library's own cursor, if it made one, is
 * taken over). Only the reply changes: the library's own queries inside updates, deletes
 * and aggregations still see every document.
 */
final class BatchedRepliesBackend extends ForwardingMongoBackend {

	private final CursorRegistry cursors;

	BatchedRepliesBackend(MongoBackend backend, CursorRegistry cursors) {
		super(backend);
		this.cursors = cursors;
	}

	/** Wire protocol messages (OP_MSG): every command of a current driver. */
	@Override
	public Document handleMessage(MongoMessage message) {
		Document answer = this.backend.handleMessage(message);
		return batched(message.getDocument().keySet().iterator().next(), answer);
	}

	/** Commands sent as legacy queries on {@code $cmd}. */
	@Override
	public Document handleCommand(Channel channel, String database, String command, Document query) {
		return batched(command, this.backend.handleCommand(channel, database, command, query));
	}

	private Document batched(String command, Document answer) {
		if (answer == null || !("find".equals(command) || "aggregate".equals(command))
				|| !(answer.get("cursor") instanceof Document cursor)
				|| !(cursor.get("firstBatch") instanceof List<?> batch) || !(cursor.get("id") instanceof Number id)) {
			return answer;
		}
		@SuppressWarnings("unchecked")
		List<Document> documents = (List<Document>) batch;
		Cursor split = (id.longValue() != 0) ? this.cursors.getCursor(id.longValue()) : null;
		if (split != null && !(split instanceof InMemoryCursor)) {
			// A cursor that is no list of answers (a change stream's): left alone.
			return answer;
		}
		int first = ReplyBatches.cut(documents, 0);
		if (first == documents.size() && split == null) {
			return answer;
		}
		// The rest of the answer: what the first batch cannot hold, then what the
		// library's own cursor holds (its batches are cut by count only), in one cursor
		// cut by count and size.
		List<Document> rest = new ArrayList<>(documents.subList(first, documents.size()));
		if (split != null) {
			if (!split.isEmpty()) {
				rest.addAll(split.takeDocuments(Integer.MAX_VALUE));
			}
			this.cursors.remove(split);
		}
		if (rest.isEmpty()) {
			cursor.put("id", 0L);
			return answer;
		}
		ReplyBatches.Cursor next = new ReplyBatches.Cursor(this.cursors.generateCursorId(), rest);
		this.cursors.add(next);
		cursor.put("firstBatch", new ArrayList<>(documents.subList(0, first)));
		cursor.put("id", next.getId());
		return answer;
	}

}
