package io.creditdesk.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.message.MongoMessage;

/**
 * An in-memory store that holds back its answer to every write asking for {@code j: true}
 * until {@link #open()}: the state of a store whose commit has not reached the disk yet.
 * It also records the read concern of every {@code find}.
 */
final class DurableWriteGate extends MemoryBackend {

	private final CountDownLatch held = new CountDownLatch(1);

	private final CountDownLatch opened = new CountDownLatch(1);

	private final List<String> findReadConcerns = new CopyOnWriteArrayList<>();

	@Override
	public Document handleMessage(MongoMessage message) {
		Document body = message.getDocument();
		if (body.containsKey("find")) {
			Object concern = body.get("readConcern");
			this.findReadConcerns
				.add(body.get("find") + ":" + ((concern instanceof Document level) ? level.get("level") : "none"));
		}
		Document answer = super.handleMessage(message);
		if (body.get("writeConcern") instanceof Document concern && Boolean.TRUE.equals(concern.get("j"))) {
			this.held.countDown();
			try {
				this.opened.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return answer;
	}

	/** Whether a write asking for durability is being held back. */
	boolean holding() {
		return this.held.getCount() == 0 && this.opened.getCount() > 0;
	}

	/** Lets every durable write be answered from now on. */
	void open() {
		this.opened.countDown();
	}

	/** {@code collection:level} of every find so far. */
	List<String> findReadConcerns() {
		return this.findReadConcerns;
	}

}
