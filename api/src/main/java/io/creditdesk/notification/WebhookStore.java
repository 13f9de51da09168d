package io.creditdesk.notification;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.common.Connection;
import io.creditdesk.infrastructure.MongoIndexes;
import io.creditdesk.notification.WebhookDelivery.Attempt;
import io.creditdesk.notification.WebhookDelivery.Status;
import org.bson.Document;

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
 * The webhook subscriptions and their deliveries. Every change of a delivery is one
 * conditional update of its document: the claim (pending, due, not held by another
 * instance) and the outcome (still held by this instance).
 */
@Component
class WebhookStore {

	private static final int KEPT_ATTEMPTS = 20;

	private final MongoTemplate mongo;

	private final AuditLog audit;

	WebhookStore(MongoTemplate mongo, MongoIndexes indexes, AuditLog audit) {
		this.mongo = mongo;
		this.audit = audit;
		audit.register(WebhookSubscription.class);
		// Sparse: only subscriptions that keep a previous secret have an expiry.
		indexes.declare(WebhookSubscription.class,
				new Index().on("previousSecretExpiresAt", Sort.Direction.ASC).sparse().named("previous_secret_expiry"));
		indexes.declare(WebhookDelivery.class,
				new Index().on("status", Sort.Direction.ASC).on("nextAttemptAt", Sort.Direction.ASC).named("due"),
				new Index().on("subscriptionId", Sort.Direction.ASC)
					.on("createdAt", Sort.Direction.DESC)
					.named("subscription_newest"));
	}

	/**
	 * Inserts the subscription with its audit record, then moves the record to the trail.
	 */
	void insert(WebhookSubscription subscription, AuditRecord entry) {
		Document document = new Document();
		this.mongo.getConverter().write(subscription, document);
		this.mongo.insert(AuditOutbox.attach(document, entry), WebhookSubscription.COLLECTION);
		this.audit.settle(WebhookSubscription.class, subscription.id(), entry);
	}

	/** The subscription, unless deleted. */
	Optional<WebhookSubscription> subscription(String id) {
		return Optional.ofNullable(this.mongo
			.findOne(Query.query(Criteria.where("_id").is(id).and("deletedAt").is(null)), WebhookSubscription.class));
	}

	List<WebhookSubscription> subscriptions() {
		return this.mongo.find(Query.query(Criteria.where("deletedAt").is(null)).with(Sort.by("createdAt", "_id")),
				WebhookSubscription.class);
	}

	List<WebhookSubscription> enabledFor(String eventType) {
		return this.mongo.find(
				Query.query(
						Criteria.where("enabled").is(true).and("eventTypes").is(eventType).and("deletedAt").is(null)),
				WebhookSubscription.class);
	}

	/**
	 * Deletes the subscription (kept for the record, with its audit record) and cancels
	 * its pending deliveries; false when there is none.
	 */
	boolean delete(String id, Instant at, AuditRecord entry) {
		boolean deleted = this.mongo
			.updateFirst(Query.query(Criteria.where("_id").is(id).and("deletedAt").is(null)),
					AuditOutbox.push(new Update().set("deletedAt", at).set("enabled", false), entry),
					WebhookSubscription.class)
			.getModifiedCount() == 1;
		if (deleted) {
			this.audit.settle(WebhookSubscription.class, id, entry);
			cancelPending(id);
		}
		return deleted;
	}

	private void cancelPending(String subscriptionId) {
		this.mongo.updateMulti(
				Query.query(Criteria.where("subscriptionId").is(subscriptionId).and("status").is(Status.PENDING)),
				new Update().set("status", Status.CANCELLED), WebhookDelivery.class);
	}

	/** Every subscription's id and stored secret, deleted ones too (they keep theirs). */
	List<WebhookSubscription> everySecret() {
		return this.mongo.find(new Query(), WebhookSubscription.class);
	}

	/**
	 * Replaces the stored secret of {@code id} if it is still {@code stored} (one
	 * conditional update: a concurrent rewrite wins, nothing is lost), with its audit
	 * record in the same update; true when replaced.
	 */
	boolean replaceSecret(String id, String stored, String replacement, AuditRecord entry) {
		return replaceSealed(id, "secret", stored, replacement, entry);
	}

	/**
	 * Replaces the stored previous secret of {@code id} if it is still {@code stored}, as
	 * {@link #replaceSecret}.
	 */
	boolean replacePreviousSecret(String id, String stored, String replacement, AuditRecord entry) {
		return replaceSealed(id, "previousSecret", stored, replacement, entry);
	}

	private boolean replaceSealed(String id, String field, String stored, String replacement, AuditRecord entry) {
		boolean replaced = this.mongo
			.updateFirst(Query.query(Criteria.where("_id").is(id).and(field).is(stored)),
					AuditOutbox.push(new Update().set(field, replacement), entry), WebhookSubscription.class)
			.getModifiedCount() == 1;
		if (replaced) {
			this.audit.settle(WebhookSubscription.class, id, entry);
		}
		return replaced;
	}

	/**
	 * Rotates the secret of {@code id}, if it exists and its secret is still
	 * {@code stored}, to {@code rotated}'s: the new sealed secret, the previous one and
	 * its expiry (both unset when the old secret stops at once) and the rotation's time,
	 * with its audit record, in one conditional update. Two rotations from the same read
	 * cannot both win: the second finds another secret and changes nothing.
	 * @return true when rotated
	 */
	boolean rotateSecret(WebhookSubscription rotated, String stored, AuditRecord entry) {
		Update update = new Update().set("secret", rotated.secret()).set("secretRotatedAt", rotated.secretRotatedAt());
		if (rotated.previousSecret() != null) {
			update.set("previousSecret", rotated.previousSecret())
				.set("previousSecretExpiresAt", rotated.previousSecretExpiresAt());
		}
		else {
			update.unset("previousSecret").unset("previousSecretExpiresAt");
		}
		boolean done = this.mongo
			.updateFirst(
					Query.query(
							Criteria.where("_id").is(rotated.id()).and("deletedAt").is(null).and("secret").is(stored)),
					AuditOutbox.push(update, entry), WebhookSubscription.class)
			.getModifiedCount() == 1;
		if (done) {
			this.audit.settle(WebhookSubscription.class, rotated.id(), entry);
		}
		return done;
	}

	/**
	 * The subscriptions, deleted ones too (they keep their secrets), whose previous
	 * secret expired at or before {@code now}.
	 */
	List<WebhookSubscription> previousSecretExpired(Instant now) {
		return this.mongo.find(Query.query(Criteria.where("previousSecretExpiresAt").lte(now)),
				WebhookSubscription.class);
	}

	/**
	 * Removes the previous secret of {@code id} and its expiry if the previous secret is
	 * still {@code stored} and has expired at {@code now}, with its audit record, in one
	 * conditional update: a rotation or a sealing again in between wins, and this changes
	 * nothing.
	 * @return true when removed
	 */
	boolean removePreviousSecret(String id, String stored, Instant now, AuditRecord entry) {
		boolean removed = this.mongo.updateFirst(Query.query(
				Criteria.where("_id").is(id).and("previousSecret").is(stored).and("previousSecretExpiresAt").lte(now)),
				AuditOutbox.push(new Update().unset("previousSecret").unset("previousSecretExpiresAt"), entry),
				WebhookSubscription.class)
			.getModifiedCount() == 1;
		if (removed) {
			this.audit.settle(WebhookSubscription.class, id, entry);
		}
		return removed;
	}

	/**
	 * Turns the disabled subscription {@code id} back on, its failures in a row from
	 * zero, with its audit record, in one conditional update; false when it is not
	 * disabled (on already, or deleted).
	 */
	boolean enable(String id, AuditRecord entry) {
		boolean enabled = this.mongo
			.updateFirst(Query.query(Criteria.where("_id").is(id).and("deletedAt").is(null).and("enabled").is(false)),
					AuditOutbox.push(
							new Update().set("enabled", true).set("consecutiveFailures", 0).unset("disabledAt"), entry),
					WebhookSubscription.class)
			.getModifiedCount() == 1;
		if (enabled) {
			this.audit.settle(WebhookSubscription.class, id, entry);
		}
		return enabled;
	}

	/** Queues a delivery; false when it is queued already (an event read again). */
	boolean enqueue(WebhookDelivery delivery) {
		try {
			this.mongo.insert(delivery);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** Claims the next due delivery no other instance holds. */
	Optional<WebhookDelivery> claimDue(Instant now, Instant until, String owner) {
		Query due = Query.query(
				Criteria.where("status").is(Status.PENDING).and("nextAttemptAt").lte(now).and("claimedUntil").lte(now))
			.with(Sort.by("nextAttemptAt"));
		return Optional
			.ofNullable(this.mongo.findAndModify(due, new Update().set("claimedUntil", until).set("claimedBy", owner),
					FindAndModifyOptions.options().returnNew(true), WebhookDelivery.class));
	}

	/**
	 * Records an attempt of a delivery this instance holds: {@code status} and, when it
	 * stays pending, the next attempt's time.
	 */
	void attempted(WebhookDelivery delivery, String owner, Attempt attempt, Status status, Instant nextAttemptAt) {
		Update update = new Update().inc("attemptCount", 1)
			.set("status", status)
			.set("claimedUntil", attempt.at())
			.push("attempts")
			.slice(-KEPT_ATTEMPTS)
			.each(attempt);
		if (status == Status.DELIVERED) {
			update.set("deliveredAt", attempt.at());
		}
		if (nextAttemptAt != null) {
			update.set("nextAttemptAt", nextAttemptAt);
		}
		this.mongo.updateFirst(Query
			.query(Criteria.where("_id").is(delivery.id()).and("claimedBy").is(owner).and("status").is(Status.PENDING)),
				update, WebhookDelivery.class);
	}

	void cancel(WebhookDelivery delivery) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(delivery.id()).and("status").is(Status.PENDING)),
				new Update().set("status", Status.CANCELLED), WebhookDelivery.class);
	}

	/** A success: the subscription's failures in a row start again from zero. */
	void succeeded(String subscriptionId) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(subscriptionId)),
				new Update().set("consecutiveFailures", 0), WebhookSubscription.class);
	}

	/**
	 * A failed attempt; disables the subscription when it reaches {@code disableAfter}
	 * failures in a row, and cancels its pending deliveries.
	 * @return the subscription if this failure disabled it (exactly one caller learns
	 * so), else empty
	 */
	Optional<WebhookSubscription> failed(String subscriptionId, String error, int disableAfter, Instant at) {
		WebhookSubscription counted = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(subscriptionId)),
				new Update().inc("consecutiveFailures", 1).set("lastError", error),
				FindAndModifyOptions.options().returnNew(true), WebhookSubscription.class);
		if (counted == null || !counted.enabled() || counted.consecutiveFailures() < disableAfter) {
			return Optional.empty();
		}
		WebhookSubscription disabled = this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(subscriptionId).and("enabled").is(true)),
				new Update().set("enabled", false).set("disabledAt", at),
				FindAndModifyOptions.options().returnNew(true), WebhookSubscription.class);
		if (disabled != null) {
			// Cancelled now, not at their next attempt: turned back on before that, the
			// subscription would otherwise be sent what was queued while it failed.
			cancelPending(subscriptionId);
		}
		return Optional.ofNullable(disabled);
	}

	/** A page of a subscription's deliveries, newest first. */
	Connection<WebhookDelivery> deliveries(String subscriptionId, int first, String after) {
		Criteria of = Criteria.where("subscriptionId").is(subscriptionId);
		long total = this.mongo.count(Query.query(of), WebhookDelivery.class);
		Query query = NewestFirst.page(of, Connection.decode(after), after, first);
		return Connection.of(this.mongo.find(query, WebhookDelivery.class), first,
				delivery -> NewestFirst.key(delivery.createdAt(), delivery.id()), (int) total);
	}

}
