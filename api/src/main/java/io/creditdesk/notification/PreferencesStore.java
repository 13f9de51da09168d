package io.creditdesk.notification;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The notification preferences, one document per person who changed theirs; each change
 * written with its audit record.
 */
@Component
class PreferencesStore {

	private final MongoTemplate mongo;

	private final AuditLog audit;

	PreferencesStore(MongoTemplate mongo, AuditLog audit) {
		this.mongo = mongo;
		this.audit = audit;
		audit.register(NotificationPreferences.class);
	}

	/** What {@code username} chose, or the defaults. */
	NotificationPreferences of(String username) {
		NotificationPreferences stored = this.mongo.findById(username, NotificationPreferences.class);
		return (stored != null) ? stored : NotificationPreferences.defaults(username);
	}

	NotificationPreferences save(NotificationPreferences preferences, Changes changes) {
		AuditRecord entry = this.audit.entry("NOTIFICATION_PREFERENCES_CHANGED", "USER", preferences.username(), null,
				null, changes);
		Update update = new Update().set("email", preferences.email())
			.set("language", preferences.language())
			.set("updatedAt", preferences.updatedAt());
		this.mongo.upsert(Query.query(Criteria.where("_id").is(preferences.username())),
				AuditOutbox.push(update, entry), NotificationPreferences.class);
		this.audit.settle(NotificationPreferences.class, preferences.username(), entry);
		return of(preferences.username());
	}

}
