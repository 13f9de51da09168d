package io.creditdesk.embedded;

import java.util.ArrayList;
import java.util.List;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import io.netty.channel.Channel;

/**
 * Answers {@code find} and {@code aggregate} in batches of at most
 * {@value ReplyBatches#MAX_BATCH_BYTES} bytes, as MongoDB does. Asked without a batch
 * size, the library puts every document into the first reply, and a driver refuses a
 * reply above 48 MB (a query over every approved order of a large book failed with "The
 * reply message length ... is greater than the maximum message length"): such an answer
 * keeps its first batch up to the limit here and the rest waits in a cursor the driver
 * continues with {@code getMore}, each batch again up to the limit. An answer the library
 * already split (a batch size asked for) is left as it is. Only the reply changes: the
 * library's own queries inside updates, deletes and aggregations still see every
 * document.
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
				|| !(cursor.get("firstBatch") instanceof List<?> batch) || batch.size() <= 1
				|| !(cursor.get("id") instanceof Number id) || id.longValue() != 0) {
			return answer;
		}
		@SuppressWarnings("unchecked")
		List<Document> documents = (List<Document>) batch;
		int first = ReplyBatches.cut(documents, 0);
		if (first == documents.size()) {
			return answer;
		}
		ReplyBatches.Cursor rest = new ReplyBatches.Cursor(this.cursors.generateCursorId(),
				new ArrayList<>(documents.subList(first, documents.size())));
		this.cursors.add(rest);
		cursor.put("firstBatch", new ArrayList<>(documents.subList(0, first)));
		cursor.put("id", rest.getId());
		return answer;
	}

}
