package io.creditdesk.infrastructure;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * A lease in MongoDB so that a scheduled job runs on one instance at a time when several
 * run side by side. Taking the lease is one atomic update; a crashed holder's lease
 * simply expires. Releasing it records the run in the same update (when it started and
 * finished, whether it succeeded, the error if not, how many runs and failures so far),
 * so that {@link #leases()} tells an operator, across every instance, whether each job
 * runs and when it last succeeded; each run is also timed in the {@value #RUNS_METRIC}
 * metric, by job and outcome.
 */
@Component
public class JobLock {

	/** Runs of leased jobs, timed, by {@code job} and {@code outcome}. */
	public static final String RUNS_METRIC = "creditdesk.scheduled.runs";

	/** The longest error text a lease keeps of a failed run. */
	static final int ERROR_LENGTH = 300;

	private static final Logger log = LoggerFactory.getLogger(JobLock.class);

	private static final String COLLECTION = "job_locks";

	private final MongoTemplate mongo;

	private final Clock clock;

	private final MeterRegistry meters;

	private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

	JobLock(MongoTemplate mongo, Clock clock, ObjectProvider<MeterRegistry> meters) {
		this.mongo = mongo;
		this.clock = clock;
		this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
	}

	/** How the last run of a leased job ended. */
	public enum Outcome {

		/** The job returned. */
		SUCCEEDED,

		/** The job threw; the lease keeps the error. */
		FAILED

	}

	/**
	 * A job's lease and its last run, as every instance sees it.
	 *
	 * @param name the lease's (and job's) name
	 * @param owner the instance that took the lease last
	 * @param startedAt when the lease was last taken (the start of the current or last
	 * run)
	 * @param leaseUntil until when that run holds the lease (its release instant once it
	 * finished)
	 * @param lastFinishedAt when the last run that finished did; null before the first
	 * @param lastOutcome how it ended; null before the first
	 * @param lastError why it failed; null when it succeeded
	 * @param lastSucceededAt when a run last succeeded; null if none has
	 * @param lastDuration how long the last finished run took; null before the first
	 * @param runs runs finished since the lease was first taken
	 * @param failures of which failed
	 * @param failingSince when the first of the failures since the last success finished;
	 * null when the last run succeeded
	 */
	public record Lease(String name, String owner, Instant startedAt, Instant leaseUntil, Instant lastFinishedAt,
			Outcome lastOutcome, String lastError, Instant lastSucceededAt, Duration lastDuration, long runs,
			long failures, Instant failingSince) {

		/** A run started and has not finished yet; its lease still holds. */
		public boolean running(Instant now) {
			return started() && this.leaseUntil != null && this.leaseUntil.isAfter(now);
		}

		/**
		 * A run started and its lease ran out without it finishing: its instance stopped
		 * or lost the store on the way. The next run takes the lease over.
		 */
		public boolean abandoned(Instant now) {
			return started() && (this.leaseUntil == null || !this.leaseUntil.isAfter(now));
		}

		private boolean started() {
			return this.startedAt != null
					&& (this.lastFinishedAt == null || this.lastFinishedAt.isBefore(this.startedAt));
		}

	}

	/**
	 * Runs {@code job} if this instance gets the lease named {@code name}; true when it
	 * ran. A job's failure is recorded with the lease and thrown on.
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
		long started = System.nanoTime();
		Throwable failure = null;
		try {
			job.run();
		}
		catch (RuntimeException | Error ex) {
			failure = ex;
			throw ex;
		}
		finally {
			release(name, now, failure, System.nanoTime() - started);
		}
		return true;
	}

	/**
	 * As {@link #runExclusively}, for a scheduled job whose failure waits for its next
	 * run: the failure is recorded with the lease, timed and logged, not thrown.
	 * @return true when it ran and succeeded
	 */
	public boolean runAlone(String name, Duration lease, Runnable job) {
		try {
			return runExclusively(name, lease, job);
		}
		catch (RuntimeException ex) {
			log.warn("Scheduled job {} failed; its next run tries again: {}", name, ex.toString());
			return false;
		}
	}

	/**
	 * When the last run of {@code name} that succeeded began (it took the lease), or
	 * empty when none has succeeded: what a job that picks up where its last run left off
	 * reads from.
	 */
	public Optional<Instant> lastSucceededStart(String name) {
		Document lease = this.mongo.findById(name, Document.class, COLLECTION);
		return Optional.ofNullable((lease != null) ? instant(lease, "lastSucceededStartedAt") : null);
	}

	/** Every job's lease and last run, by name. */
	public List<Lease> leases() {
		List<Lease> leases = new ArrayList<>();
		for (Document d : this.mongo.find(new Query().with(Sort.by("_id")), Document.class, COLLECTION)) {
			String outcome = d.getString("lastOutcome");
			Number millis = d.get("lastDurationMs", Number.class);
			leases.add(new Lease(d.getString("_id"), d.getString("owner"), instant(d, "lockedAt"),
					instant(d, "lockedUntil"), instant(d, "lastFinishedAt"),
					(outcome != null) ? Outcome.valueOf(outcome) : null, d.getString("lastError"),
					instant(d, "lastSucceededAt"), (millis != null) ? Duration.ofMillis(millis.longValue()) : null,
					count(d, "runs"), count(d, "failures"), instant(d, "failingSince")));
		}
		return leases;
	}

	private static Instant instant(Document d, String field) {
		Object value = d.get(field);
		if (value instanceof Instant instant) {
			return instant;
		}
		return (value instanceof Date date) ? date.toInstant() : null;
	}

	private static long count(Document d, String field) {
		Number n = d.get(field, Number.class);
		return (n != null) ? n.longValue() : 0;
	}

	/**
	 * Frees the lease and records the run in the same update, if this instance still
	 * holds it (one that ran past its lease may have lost it to another). A release the
	 * store refuses never hides the job's own failure.
	 */
	private void release(String name, Instant startedAt, Throwable failure, long nanos) {
		Instant finished = this.clock.instant();
		Outcome outcome = (failure != null) ? Outcome.FAILED : Outcome.SUCCEEDED;
		Timer.builder(RUNS_METRIC)
			.description("Runs of leased (scheduled) jobs, by job and outcome")
			.tag("job", name)
			.tag("outcome", outcome.name())
			.register(this.meters)
			.record(nanos, TimeUnit.NANOSECONDS);
		Update release = new Update().set("lockedUntil", finished)
			.set("lastStartedAt", startedAt)
			.set("lastFinishedAt", finished)
			.set("lastOutcome", outcome.name())
			.set("lastDurationMs", TimeUnit.NANOSECONDS.toMillis(nanos))
			.inc("runs", 1);
		if (failure == null) {
			release.set("lastSucceededAt", finished)
				.set("lastSucceededStartedAt", startedAt)
				.unset("lastError")
				.unset("failingSince");
		}
		else {
			// The earliest failure since the last success: a streak keeps its start.
			release.set("lastError", error(failure)).inc("failures", 1).min("failingSince", finished);
		}
		try {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(name).and("owner").is(this.owner)), release,
					COLLECTION);
		}
		catch (RuntimeException ex) {
			if (failure == null) {
				throw ex;
			}
			failure.addSuppressed(ex);
		}
	}

	/** The error a lease keeps: the exception and its message, bounded. */
	static String error(Throwable failure) {
		String text = failure.toString();
		return (text.length() <= ERROR_LENGTH) ? text : text.substring(0, ERROR_LENGTH - 1) + "…";
	}

}
