package io.creditdesk.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoCollection;
import io.creditdesk.infrastructure.JobLock;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves audit records that a crash (or a failed move) left in the changed documents to
 * the trail, so that the trail is complete without depending on the request that made the
 * change. Runs every {@code creditdesk.audit.mover-interval} on one instance at a time (a
 * {@link JobLock} lease) and takes only records older than
 * {@code creditdesk.audit.mover-grace}, which their own request normally moved long
 * before. Moving is idempotent, so racing a request does no harm.
 */
@Component
public class AuditOutboxMover {

	private static final Logger log = LoggerFactory.getLogger(AuditOutboxMover.class);

	private static final String LEASE = "audit.outbox-mover";

	/** Rounds per collection and run: a larger backlog is finished by the next runs. */
	private static final int MAX_ROUNDS = 20;

	private final AuditLog audit;

	private final MongoTemplate mongo;

	private final JobLock lock;

	private final AuditProperties properties;

	private final Clock clock;

	private volatile Instant lastFailureLogged = Instant.EPOCH;

	AuditOutboxMover(AuditLog audit, MongoTemplate mongo, JobLock lock, AuditProperties properties, Clock clock) {
		this.audit = audit;
		this.mongo = mongo;
		this.lock = lock;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${creditdesk.audit.mover-interval:5s}",
			initialDelayString = "${creditdesk.audit.mover-interval:5s}")
	void run() {
		try {
			this.lock.runExclusively(LEASE, Duration.ofMinutes(1),
					() -> moveWrittenBefore(this.clock.instant().minus(this.properties.moverGrace())));
		}
		catch (RuntimeException ex) {
			// Every few seconds while the store is away: logged once a minute, not at
			// every run.
			Instant now = this.clock.instant();
			if (now.isAfter(this.lastFailureLogged.plus(Duration.ofMinutes(1)))) {
				this.lastFailureLogged = now;
				log.warn("Audit outbox mover failed, the records wait in their documents for its next run: {}",
						ex.toString());
			}
		}
	}

	/**
	 * Moves every audit record waiting in a document whose audit outbox dates from before
	 * {@code cutoff}, oldest first.
	 * @return how many records were moved (or found already in the trail)
	 */
	public int moveWrittenBefore(Instant cutoff) {
		int moved = 0;
		for (String name : this.audit.outboxCollections()) {
			MongoCollection<Document> collection = this.mongo.getCollection(name);
			for (int round = 0; round < MAX_ROUNDS; round++) {
				List<Document> documents = collection
					.find(new Document(AuditOutbox.SINCE,
							new Document("$exists", true).append("$lt", Date.from(cutoff))))
					.sort(new Document(AuditOutbox.SINCE, 1))
					.limit(this.properties.moverBatchSize())
					.into(new ArrayList<>());
				int movedThisRound = 0;
				for (Document document : documents) {
					movedThisRound += move(collection, document);
				}
				moved += movedThisRound;
				if (documents.size() < this.properties.moverBatchSize() || movedThisRound == 0) {
					break;
				}
			}
		}
		if (moved > 0) {
			log.info("Moved {} audit record(s) left in changed documents to the audit trail", moved);
		}
		return moved;
	}

	private int move(MongoCollection<Document> collection, Document document) {
		List<Document> entries = document.getList(AuditOutbox.ENTRIES, Document.class, List.of());
		try {
			this.audit.move(collection, document.get("_id"), entries);
			return entries.size();
		}
		catch (RuntimeException ex) {
			// Left in place (and logged) without holding up the other documents.
			log.warn("Audit records of {} {} stay in the document for the next run: {}", collection.getNamespace(),
					document.get("_id"), ex.toString());
			return 0;
		}
	}

}
