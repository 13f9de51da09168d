package io.creditdesk.job;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.creditdesk.common.CreditDeskException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Claims queued jobs and runs them. Every instance runs one; a job is claimed by one
 * atomic update (QUEUED to RUNNING with this instance as owner and a lease), so exactly
 * one instance runs it. While it runs, the heartbeat renews the lease of every job this
 * instance owns; an instance that dies stops renewing, and the next poll of any instance
 * finds the expired lease and marks the job FAILED with the reason. Results and failures
 * are written only while this instance still owns the job, so a job failed for a lost
 * lease stays failed even when its old owner wakes up and finishes.
 */
@Component
class JobRunner implements DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

	private final MongoTemplate mongo;

	private final Clock clock;

	private final JobProperties properties;

	private final Supplier<List<JobHandler>> handlerBeans;

	private volatile Map<String, JobHandler> handlers;

	private final String owner = ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();

	private final Set<String> running = ConcurrentHashMap.newKeySet();

	private final Semaphore slots;

	private final ExecutorService workers;

	/**
	 * Handlers are looked up at the first poll, not here: they are capabilities' beans
	 * that may themselves start jobs.
	 */
	@Autowired
	JobRunner(MongoTemplate mongo, Clock clock, JobProperties properties, ObjectProvider<JobHandler> handlers) {
		this(mongo, clock, properties, () -> handlers.orderedStream().toList());
	}

	JobRunner(MongoTemplate mongo, Clock clock, JobProperties properties, List<JobHandler> handlers) {
		this(mongo, clock, properties, () -> handlers);
	}

	private JobRunner(MongoTemplate mongo, Clock clock, JobProperties properties, Supplier<List<JobHandler>> handlers) {
		this.mongo = mongo;
		this.clock = clock;
		this.properties = properties;
		this.handlerBeans = handlers;
		this.slots = new Semaphore(properties.workers());
		AtomicInteger threads = new AtomicInteger();
		this.workers = Executors.newFixedThreadPool(properties.workers(), task -> {
			Thread thread = new Thread(task, "job-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	private Map<String, JobHandler> handlers() {
		Map<String, JobHandler> byKind = this.handlers;
		if (byKind == null) {
			byKind = new HashMap<>();
			for (JobHandler handler : this.handlerBeans.get()) {
				if (byKind.put(handler.kind(), handler) != null) {
					throw new IllegalStateException("two job handlers for the kind " + handler.kind());
				}
			}
			this.handlers = byKind;
		}
		return byKind;
	}

	Set<String> kinds() {
		return handlers().keySet();
	}

	String owner() {
		return this.owner;
	}

	/** Whether a job runs on this instance right now. */
	boolean busy() {
		return !this.running.isEmpty();
	}

	/**
	 * Fails the jobs whose owner stopped renewing their lease, then claims queued jobs
	 * while this instance has free workers.
	 */
	@Scheduled(fixedDelayString = "${creditdesk.jobs.poll-interval:1s}", initialDelayString = "PT2S")
	void poll() {
		try {
			failExpired();
			while (this.slots.tryAcquire()) {
				Job job = claim();
				if (job == null) {
					this.slots.release();
					return;
				}
				this.running.add(job.id());
				this.workers.execute(() -> {
					try {
						execute(job);
					}
					finally {
						this.running.remove(job.id());
						this.slots.release();
					}
				});
			}
		}
		catch (RuntimeException ex) {
			log.warn("Looking for jobs failed; trying again at the next poll: {}", ex.toString());
		}
	}

	/** Renews the lease of every job this instance runs. */
	@Scheduled(fixedDelayString = "${creditdesk.jobs.heartbeat:10s}", initialDelayString = "PT5S")
	void heartbeat() {
		if (this.running.isEmpty()) {
			return;
		}
		try {
			this.mongo.updateMulti(owned(Set.copyOf(this.running)),
					new Update().set("leaseUntil", this.clock.instant().plus(this.properties.lease())), Job.class);
		}
		catch (RuntimeException ex) {
			log.warn("Renewing the leases of jobs {} failed: {}", this.running, ex.toString());
		}
	}

	void failExpired() {
		Instant now = this.clock.instant();
		List<Job> expired = this.mongo
			.find(Query.query(Criteria.where("status").is(JobStatus.RUNNING).and("leaseUntil").lt(now)), Job.class);
		for (Job job : expired) {
			String reason = "The instance running this job (" + job.owner() + ") stopped renewing its lease at "
					+ job.leaseUntil() + " (it crashed or was stopped); the job did not finish. Start it again.";
			long failed = this.mongo.updateFirst(Query.query(Criteria.where("_id")
				.is(job.id())
				.and("status")
				.is(JobStatus.RUNNING)
				.and("leaseUntil")
				.is(job.leaseUntil())), finished(JobStatus.FAILED, reason, null), Job.class).getModifiedCount();
			if (failed == 1) {
				log.warn("Job {} ({}) failed: {}", job.id(), job.kind(), reason);
			}
		}
	}

	private Job claim() {
		if (handlers().isEmpty()) {
			return null;
		}
		Instant now = this.clock.instant();
		Query queued = Query.query(Criteria.where("status").is(JobStatus.QUEUED).and("kind").in(handlers().keySet()))
			.with(Sort.by("createdAt", "_id"));
		Update take = new Update().set("status", JobStatus.RUNNING)
			.set("owner", this.owner)
			.set("startedAt", now)
			.set("leaseUntil", now.plus(this.properties.lease()))
			.set("phase", "started");
		return this.mongo.findAndModify(queued, take, FindAndModifyOptions.options().returnNew(true), Job.class);
	}

	private void execute(Job job) {
		JobHandler handler = handlers().get(job.kind());
		log.info("Job {} ({}) started, requested by {}", job.id(), job.kind(), job.requestedBy());
		try {
			Map<String, Object> result = handler.run(new Context(job));
			if (finish(job, finished(JobStatus.SUCCEEDED, null, result).set("progress", 100.0).set("phase", "done"))) {
				log.info("Job {} ({}) succeeded: {}", job.id(), job.kind(), result);
			}
		}
		catch (JobStoppedException ex) {
			log.warn("Job {} ({}) stopped: {}", job.id(), job.kind(), ex.getMessage());
		}
		catch (Exception ex) {
			String reason = reason(ex);
			if (!(ex instanceof CreditDeskException) && !(ex instanceof IllegalArgumentException)) {
				log.error("Job {} ({}) failed", job.id(), job.kind(), ex);
			}
			else {
				log.warn("Job {} ({}) failed: {}", job.id(), job.kind(), reason);
			}
			finish(job, finished(JobStatus.FAILED, reason, null));
		}
	}

	private static String reason(Exception ex) {
		if (ex instanceof CreditDeskException refused) {
			return refused.errors().get(0).message();
		}
		if (ex instanceof IllegalArgumentException || ex instanceof IllegalStateException) {
			return ex.getMessage();
		}
		return "The job failed unexpectedly (" + ex.getClass().getSimpleName()
				+ (ex.getMessage() == null ? "" : ": " + ex.getMessage()) + "); the service log has the details.";
	}

	private boolean finish(Job job, Update update) {
		return this.mongo.updateFirst(owned(Set.of(job.id())), update, Job.class).getMatchedCount() == 1;
	}

	private Update finished(JobStatus status, String message, Map<String, Object> result) {
		Update update = new Update().set("status", status).set("finishedAt", this.clock.instant()).unset("leaseUntil");
		if (message != null) {
			update.set("message", message);
		}
		if (result != null) {
			update.set("result", result);
		}
		return update;
	}

	private Query owned(Set<String> ids) {
		return Query
			.query(Criteria.where("_id").in(ids).and("owner").is(this.owner).and("status").is(JobStatus.RUNNING));
	}

	/**
	 * On a graceful stop, the jobs this instance runs fail at once with the reason,
	 * rather than after their lease.
	 */
	@Override
	public void destroy() {
		// Failed first, then interrupted: the handlers' own failure updates then match
		// nothing, so the reason stays the shutdown.
		if (!this.running.isEmpty()) {
			try {
				this.mongo.updateMulti(owned(Set.copyOf(this.running)), finished(JobStatus.FAILED,
						"The instance running this job was shut down before it finished. Start it again.", null),
						Job.class);
			}
			catch (RuntimeException ex) {
				log.warn("Could not mark the jobs {} failed at shutdown; their leases expire instead: {}", this.running,
						ex.toString());
			}
		}
		this.workers.shutdownNow();
	}

	private final class Context implements JobContext {

		private final Job job;

		Context(Job job) {
			this.job = job;
		}

		@Override
		public String jobId() {
			return this.job.id();
		}

		@Override
		public Map<String, Object> input() {
			return this.job.input();
		}

		@Override
		public String requestedBy() {
			return this.job.requestedBy();
		}

		@Override
		public void progress(double percent, String phase) {
			double bounded = Math.max(0, Math.min(100, percent));
			Update update = new Update().set("progress", bounded)
				.set("phase", phase)
				.set("leaseUntil", JobRunner.this.clock.instant().plus(JobRunner.this.properties.lease()));
			if (!finish(this.job, update)) {
				throw new JobStoppedException(this.job.id());
			}
			log.info("Job {} ({}): {} % {}", this.job.id(), this.job.kind(), Math.round(bounded), phase);
		}

	}

}
