package io.creditdesk.job;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.common.Actor;
import io.creditdesk.common.Connection;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.infrastructure.MongoIndexes;
import org.bson.types.ObjectId;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Starts jobs and reads them. A job is stored QUEUED and picked up by the first instance
 * with a free worker (usually this one, at once).
 */
@Service
public class Jobs {

	private final MongoTemplate mongo;

	private final Clock clock;

	private final JobRunner runner;

	Jobs(MongoTemplate mongo, Clock clock, JobRunner runner, MongoIndexes indexes) {
		this.mongo = mongo;
		this.clock = clock;
		this.runner = runner;
		indexes.declare(Job.class,
				new Index().on("status", Sort.Direction.ASC).on("createdAt", Sort.Direction.ASC).named("queue"),
				new Index().on("kind", Sort.Direction.ASC).on("_id", Sort.Direction.DESC).named("kind_newest"));
	}

	/**
	 * Queues a job of {@code kind} for the current actor.
	 * @throws CreditDeskException {@code UNKNOWN_JOB_KIND} when no handler runs it
	 */
	public Job submit(String kind, Map<String, Object> input) {
		if (!this.runner.kinds().contains(kind)) {
			throw CreditDeskException.refuse(JobErrorCode.UNKNOWN_JOB_KIND, null, new MessageCatalogue.Quoted(kind));
		}
		Job job = new Job(new ObjectId().toHexString(), kind, JobStatus.QUEUED, 0, "queued", null, input, null,
				Actor.current().name(), this.clock.instant(), null, null, null, null);
		Job stored = this.mongo.insert(job);
		this.runner.poll();
		return stored;
	}

	public Optional<Job> find(String id) {
		return Optional.ofNullable(this.mongo.findById(id, Job.class));
	}

	/** Jobs newest first, optionally of one kind and status. */
	public Connection<Job> list(String kind, JobStatus status, Integer first, String after) {
		int size = Connection.pageSize(first);
		Criteria criteria = new Criteria();
		if (kind != null) {
			criteria = criteria.and("kind").is(kind);
		}
		if (status != null) {
			criteria = criteria.and("status").is(status);
		}
		String afterId = Connection.decode(after);
		if (afterId != null) {
			criteria = criteria.and("_id").lt(afterId);
		}
		Query query = Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "_id")).limit(size + 1);
		return Connection.of(this.mongo.find(query, Job.class), size, Job::id, null);
	}

}
