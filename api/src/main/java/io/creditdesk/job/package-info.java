/**
 * Background work as one kind of thing: training a model, re-scoring the portfolio and,
 * later, simulations and allocations are each a {@link io.creditdesk.job.Job} in MongoDB
 * with a status, a percentage and a phase, started through {@link io.creditdesk.job.Jobs}
 * and run by whichever instance claims it first. A running job holds a lease that its
 * instance renews (heartbeat); when an instance dies, another one marks its jobs
 * {@code FAILED} with the reason once the lease has expired, so no job stays
 * {@code RUNNING} for ever. Capabilities contribute the work as
 * {@link io.creditdesk.job.JobHandler} beans; this package knows none of them.
 * <p>
 * The scheduled jobs (sweeps, reconciliation, reviews, movers) are not {@code Job}s: they
 * run under a {@link io.creditdesk.infrastructure.JobLock} lease, which records each run;
 * {@code ScheduledJobController} answers {@code scheduledJobs} from those records.
 */
package io.creditdesk.job;
