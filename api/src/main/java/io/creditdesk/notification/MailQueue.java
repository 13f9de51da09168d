package io.creditdesk.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import io.creditdesk.infrastructure.MongoIndexes;
import io.creditdesk.notification.QueuedEmail.Status;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The e-mails waiting to be sent. An immediate one is claimed by one instance at a time
 * (a conditional update sets {@code claimedUntil}), so two instances never send it both.
 */
@Component
class MailQueue {

	private final MongoTemplate mongo;

	MailQueue(MongoTemplate mongo, MongoIndexes indexes) {
		this.mongo = mongo;
		indexes.declare(QueuedEmail.class,
				new Index().on("status", Sort.Direction.ASC)
					.on("mode", Sort.Direction.ASC)
					.on("nextAttemptAt", Sort.Direction.ASC)
					.named("due"));
	}

	/** Queues {@code email}; false when it is queued already (an event read again). */
	boolean queue(QueuedEmail email) {
		try {
			this.mongo.insert(email);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** Claims the next immediate e-mail that is due and not held by another instance. */
	Optional<QueuedEmail> claimDue(Instant now, Duration claim) {
		Query due = Query
			.query(Criteria.where("status")
				.is(Status.PENDING)
				.and("mode")
				.is(EmailMode.IMMEDIATE)
				.and("nextAttemptAt")
				.lte(now)
				.and("claimedUntil")
				.lte(now))
			.with(Sort.by("nextAttemptAt"));
		return Optional.ofNullable(this.mongo.findAndModify(due, new Update().set("claimedUntil", now.plus(claim)),
				FindAndModifyOptions.options().returnNew(true), QueuedEmail.class));
	}

	void sent(String id, Instant at) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("status").is(Status.PENDING)),
				new Update().set("status", Status.SENT).set("sentAt", at).set("claimedUntil", at), QueuedEmail.class);
	}

	void sent(Collection<String> ids, Instant at) {
		this.mongo.updateMulti(Query.query(Criteria.where("_id").in(ids).and("status").is(Status.PENDING)),
				new Update().set("status", Status.SENT).set("sentAt", at), QueuedEmail.class);
	}

	/** Records a failed attempt: retried at {@code retryAt}, or given up when null. */
	void failed(QueuedEmail email, String error, Instant now, Instant retryAt) {
		Update update = new Update().inc("attempts", 1).set("lastError", error).set("claimedUntil", now);
		if (retryAt == null) {
			update.set("status", Status.FAILED);
		}
		else {
			update.set("nextAttemptAt", retryAt);
		}
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(email.id()).and("status").is(Status.PENDING)),
				update, QueuedEmail.class);
	}

	/** The digest e-mails waiting since before {@code cutoff}, oldest first. */
	List<QueuedEmail> digestBefore(Instant cutoff) {
		return this.mongo.find(
				Query
					.query(Criteria.where("status")
						.is(Status.PENDING)
						.and("mode")
						.is(EmailMode.DAILY_DIGEST)
						.and("createdAt")
						.lt(cutoff))
					.with(Sort.by("createdAt", "_id")),
				QueuedEmail.class);
	}

	List<QueuedEmail> ofRecipient(String recipient) {
		return this.mongo.find(Query.query(Criteria.where("recipient").is(recipient)).with(Sort.by("createdAt")),
				QueuedEmail.class);
	}

}
