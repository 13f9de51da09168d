package io.creditdesk.notification;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import io.creditdesk.common.Connection;
import io.creditdesk.infrastructure.MongoIndexes;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** The in-app inboxes: one document per notification and person. */
@Component
class Inbox {

	static final String COLLECTION = "notification_inbox";

	private final MongoTemplate mongo;

	Inbox(MongoTemplate mongo, MongoIndexes indexes) {
		this.mongo = mongo;
		indexes.declare(InboxEntry.class,
				new Index().on("recipient", Sort.Direction.ASC)
					.on("createdAt", Sort.Direction.DESC)
					.on("_id", Sort.Direction.DESC)
					.named("recipient_newest"));
	}

	/** Adds {@code entry}; false when it is there already (an event read again). */
	boolean add(InboxEntry entry) {
		try {
			this.mongo.insert(entry);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** A page of {@code recipient}'s inbox, newest first. */
	Connection<InboxEntry> page(String recipient, boolean unreadOnly, int first, String after) {
		Criteria mine = Criteria.where("recipient").is(recipient);
		if (unreadOnly) {
			mine = mine.and("readAt").is(null);
		}
		long total = this.mongo.count(Query.query(mine), InboxEntry.class);
		Query query = NewestFirst.page(mine, Connection.decode(after), after, first);
		List<InboxEntry> fetched = this.mongo.find(query, InboxEntry.class);
		return Connection.of(fetched, first, entry -> NewestFirst.key(entry.createdAt(), entry.id()), (int) total);
	}

	/** Marks those of {@code ids} that are {@code recipient}'s and unread as read. */
	List<String> markRead(String recipient, Collection<String> ids, Instant at) {
		Query mineAndUnread = Query
			.query(Criteria.where("_id").in(ids).and("recipient").is(recipient).and("readAt").is(null));
		List<String> marked = new ArrayList<>(
				this.mongo.find(Query.of(mineAndUnread), InboxEntry.class).stream().map(InboxEntry::id).toList());
		this.mongo.updateMulti(mineAndUnread, new Update().set("readAt", at), InboxEntry.class);
		return marked;
	}

	List<InboxEntry> find(Collection<String> ids) {
		return this.mongo.find(Query.query(Criteria.where("_id").in(ids)), InboxEntry.class);
	}

}
