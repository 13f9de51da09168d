package io.creditdesk.job;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.creditdesk.infrastructure.JobLock;

import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * The scheduled jobs' leases as operators read them ({@code scheduledJobs}): whether each
 * job runs, when it last succeeded and why it last failed, across every instance.
 */
@Controller
class ScheduledJobController {

	private final JobLock lock;

	private final Clock clock;

	ScheduledJobController(JobLock lock, Clock clock) {
		this.lock = lock;
		this.clock = clock;
	}

	/** A job's lease and last run, with its state at the time of reading. */
	record ScheduledJob(String name, boolean running, boolean abandoned, String owner, Instant startedAt,
			Instant leaseUntil, Instant lastFinishedAt, JobLock.Outcome lastOutcome, String lastError,
			Instant lastSucceededAt, Integer lastDurationMs, int runs, int failures, Instant failingSince) {

		static ScheduledJob of(JobLock.Lease lease, Instant now) {
			return new ScheduledJob(lease.name(), lease.running(now), lease.abandoned(now), lease.owner(),
					lease.startedAt(), lease.leaseUntil(), lease.lastFinishedAt(), lease.lastOutcome(),
					lease.lastError(), lease.lastSucceededAt(),
					(lease.lastDuration() != null) ? clamp(lease.lastDuration().toMillis()) : null, clamp(lease.runs()),
					clamp(lease.failures()), lease.failingSince());
		}

		/** GraphQL's Int is 32 bits. */
		private static int clamp(long value) {
			return (int) Math.min(value, Integer.MAX_VALUE);
		}

	}

	@QueryMapping
	@PreAuthorize(JobRoles.READ_JOBS)
	List<ScheduledJob> scheduledJobs() {
		Instant now = this.clock.instant();
		return this.lock.leases().stream().map(lease -> ScheduledJob.of(lease, now)).toList();
	}

}
