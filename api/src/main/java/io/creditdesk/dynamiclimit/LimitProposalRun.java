package io.creditdesk.dynamiclimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.customer.CustomerBatches;
import io.creditdesk.infrastructure.JobLock;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily run that proposes a limit for every customer and acts on each proposal whose
 * policy is switched on. It runs after the portfolio re-score (by default at 03:30 UTC,
 * the re-score at 00:30), on one instance at a time ({@link JobLock} lease), and once a
 * day: the finished run of a day is recorded in {@code limit_proposal_runs}, so a second
 * instance that gets the lease afterwards finds it done. A run cut short is repeated
 * whole the next time; that is safe, because an applied change starts the cooldown and a
 * customer never gets a second open SYSTEM request.
 */
@Component
class LimitProposalRun {

	private static final Logger log = LoggerFactory.getLogger(LimitProposalRun.class);

	static final String LEASE = "limit-proposals";

	static final String RUNS = "limit_proposal_runs";

	private static final int BATCH = 200;

	private final LimitProposals proposals;

	private final CustomerBatches customers;

	private final JobLock lock;

	private final MongoTemplate mongo;

	private final Clock clock;

	private final Duration lease;

	private final boolean enabled;

	LimitProposalRun(LimitProposals proposals, CustomerBatches customers, JobLock lock, MongoTemplate mongo,
			Clock clock, @Value("${creditdesk.dynamic-limits.lease:PT2H}") Duration lease,
			@Value("${creditdesk.dynamic-limits.enabled:true}") boolean enabled) {
		this.proposals = proposals;
		this.customers = customers;
		this.lock = lock;
		this.mongo = mongo;
		this.clock = clock;
		this.lease = lease;
		this.enabled = enabled;
	}

	@Scheduled(cron = "${creditdesk.dynamic-limits.cron:0 30 3 * * *}", zone = "UTC")
	void scheduled() {
		if (this.enabled) {
			runDue();
		}
	}

	/**
	 * What one run did: how many proposals ended in each action, and how many customers
	 * failed (logged; the next run tries them again).
	 */
	record Summary(LocalDate day, Map<ProposalAction, Integer> actions, int failed) {
	}

	/**
	 * Runs today's pass if no instance has run it yet and this one gets the lease.
	 * @return what it did, or empty when another instance holds the lease or today's run
	 * is done
	 */
	Optional<Summary> runDue() {
		LocalDate day = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		Summary[] summary = { null };
		this.lock.runExclusively(LEASE, this.lease, () -> {
			if (this.mongo.findById(day.toString(), Document.class, RUNS) != null) {
				return;
			}
			summary[0] = run(day);
			Document actions = new Document();
			summary[0].actions().forEach((action, count) -> actions.append(action.name(), count));
			try {
				this.mongo.insert(new Document("_id", day.toString()).append("finishedAt", Instant.now(this.clock))
					.append("failed", summary[0].failed())
					.append("actions", actions), RUNS);
			}
			catch (DuplicateKeyException ex) {
				// Only the lease holder writes it; a lease that expired mid-run is the
				// only way here.
				log.warn("The limit proposal run of {} was recorded twice", day);
			}
		});
		return Optional.ofNullable(summary[0]);
	}

	private Summary run(LocalDate day) {
		Map<ProposalAction, Integer> actions = new EnumMap<>(ProposalAction.class);
		int[] failed = { 0 };
		long started = System.nanoTime();
		this.customers.forEach(Optional.empty(), BATCH, (batch) -> {
			for (CustomerBatches.CustomerCredit credit : batch) {
				try {
					this.proposals.proposeAndAct(credit.customer())
						.ifPresent((outcome) -> actions.merge(outcome.action(), 1, Integer::sum));
				}
				catch (RuntimeException ex) {
					failed[0]++;
					log.warn("No limit proposal for customer {}: {}", credit.customer().id(), ex.toString());
				}
			}
		});
		log.info("Limit proposals of {}: {} ({} failed) in {} ms", day, actions, failed[0],
				(System.nanoTime() - started) / 1_000_000);
		return new Summary(day, Map.copyOf(actions), failed[0]);
	}

}
