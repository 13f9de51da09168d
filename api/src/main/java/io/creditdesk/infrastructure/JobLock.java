package io.creditdesk.infrastructure;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * A lease in MongoDB so that a scheduled job runs on one instance at a time when several
 * run side by side. Taking the lease is one atomic update; a crashed holder's lease
 * simply expires.
 */
@Component
public class JobLock {

	private static final String COLLECTION = "job_locks";

	private final MongoTemplate mongo;

	private final Clock clock;

	private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

	JobLock(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * Runs {@code job} if this instance gets the lease named {@code name}; true when it
	 * ran.
	 */
	public boolean runExclusively(String name, Duration lease, Runnable job) {
		Instant now = this.clock.instant();
		// Free from the instant it was released (a release sets lockedUntil to its own
		// instant): with "before now" a caller in the same millisecond found it taken.
		Query free = Query.query(Criteria.where("_id").is(name).and("lockedUntil").lte(now));
		Update take = new Update().set("lockedUntil", now.plus(lease)).set("owner", this.owner).set("lockedAt", now);
		boolean taken;
		try {
			taken = this.mongo.updateFirst(free, take, COLLECTION).getModifiedCount() == 1;
			if (!taken && !this.mongo.exists(Query.query(Criteria.where("_id").is(name)), COLLECTION)) {
				this.mongo.insert(new Document("_id", name).append("lockedUntil", now.plus(lease))
					.append("owner", this.owner)
					.append("lockedAt", now), COLLECTION);
				taken = true;
			}
		}
		catch (DuplicateKeyException ex) {
			taken = false;
		}
		if (!taken) {
			return false;
		}
		try {
			job.run();
		}
		finally {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(name).and("owner").is(this.owner)),
					new Update().set("lockedUntil", this.clock.instant()), COLLECTION);
		}
		return true;
	}

}
