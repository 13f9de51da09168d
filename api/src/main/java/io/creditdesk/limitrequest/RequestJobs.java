package io.creditdesk.limitrequest;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import io.creditdesk.customer.CreditLimit;
import io.creditdesk.customer.Customer;
import io.creditdesk.customer.CustomerStatus;
import io.creditdesk.infrastructure.JobLock;
import io.creditdesk.infrastructure.MongoIndexes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The scheduled work of limit requests, each run by one instance at a time under a
 * {@link JobLock} lease: escalating overdue steps, completing approved limits left half
 * way by a crash, and opening the periodic reviews and renewals that are due.
 */
@Component
class RequestJobs {

	private static final Logger log = LoggerFactory.getLogger(RequestJobs.class);

	/** The actor of the requests the review job opens. */
	static final String REVIEW_JOB = "review-job";

	private static final int BATCH = 200;

	private static final String NEXT_REVIEW = "creditLimit.nextReviewDate";

	private static final String VALID_UNTIL = "creditLimit.validUntil";

	/** Customers the review job reads at a time. */
	private static final int REVIEW_PAGE = 1000;

	private final CreditLimitRequestService requests;

	private final LimitApplication application;

	private final RequestStore store;

	private final JobLock lock;

	private final MongoTemplate mongo;

	private final LimitRequestProperties properties;

	private final Clock clock;

	RequestJobs(CreditLimitRequestService requests, LimitApplication application, RequestStore store, JobLock lock,
			MongoTemplate mongo, LimitRequestProperties properties, Clock clock, MongoIndexes indexes) {
		this.requests = requests;
		this.application = application;
		this.store = store;
		this.lock = lock;
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock;
		// The review job's due limits: a few customers a day among all of them.
		indexes.declare(Customer.class,
				new Index().on(NEXT_REVIEW, Sort.Direction.ASC).sparse().named("limit_next_review"),
				new Index().on(VALID_UNTIL, Sort.Direction.ASC).sparse().named("limit_valid_until"));
	}

	@Scheduled(fixedDelayString = "${creditdesk.limit-requests.escalation-interval:60s}",
			initialDelayString = "${creditdesk.limit-requests.escalation-interval:60s}")
	void escalateOnSchedule() {
		run("limit-request-escalation", this::escalateOverdue);
	}

	@Scheduled(fixedDelayString = "${creditdesk.limit-requests.sweep-interval:30s}",
			initialDelayString = "${creditdesk.limit-requests.sweep-interval:30s}")
	void sweepOnSchedule() {
		run("limit-request-applications", this::sweepApplications);
	}

	@Scheduled(cron = "${creditdesk.limit-requests.review-cron:0 30 5 * * *}")
	void reviewOnSchedule() {
		run("limit-request-reviews", this::openDueReviews);
	}

	private void run(String name, Runnable job) {
		this.lock.runAlone(name, Duration.ofMinutes(5), job);
	}

	/** Escalates every step past its due time; returns how many. */
	int escalateOverdue() {
		int escalated = 0;
		for (CreditLimitRequest overdue : this.store.overdue(this.clock.instant(), BATCH)) {
			Optional<CreditLimitRequest> done = this.requests.escalate(overdue);
			if (done.isPresent()) {
				escalated++;
			}
		}
		return escalated;
	}

	/** Completes approved limits older than the grace; returns how many. */
	int sweepApplications() {
		return this.application.sweep(this.clock.instant().minus(this.properties.applicationGrace()));
	}

	/**
	 * Opens a {@code RENEWAL} for each limit whose valid-until is within the lead days,
	 * and a {@code REVIEW} for each whose review date has come, unless the customer has
	 * an open request (of any type: one at a time per customer) or one was made for this
	 * due date (whatever its outcome); returns how many it opened. A renewal proposes the
	 * same limit for another term as long as the expiring one; a review proposes the
	 * limit as it is (with its valid-until). The approvers confirm it, counter-offer
	 * less, or reject it; an approval moves the next review date.
	 */
	int openDueReviews() {
		return openDueReviews(REVIEW_PAGE);
	}

	/**
	 * As {@link #openDueReviews()}, reading the due customers {@code page} at a time in
	 * id order, every page to the last: customers whose review waits for its approvers
	 * (skipped here) never keep the others from theirs, however many they are.
	 */
	int openDueReviews(int page) {
		LocalDate today = LocalDate.ofInstant(this.clock.instant(), ZoneOffset.UTC);
		// The lead days and the grade intervals are the same for every customer.
		ReviewSchedule schedule = this.properties.reviewSchedule(ReviewSchedule.DEFAULT.defaultMonths());
		Criteria due = new Criteria().orOperator(Criteria.where(NEXT_REVIEW).lte(today),
				Criteria.where(VALID_UNTIL).lte(today.plusDays(schedule.renewalLeadDays())));
		Criteria open = Criteria.where("status").in(CustomerStatus.ACTIVE.name(), CustomerStatus.ON_HOLD.name());
		// Skipped, not read on from an id: a customer stays due until its review is
		// decided, and ids may be strings and ObjectIds, which a range on _id does not
		// cross.
		int opened = 0;
		int read = 0;
		List<Customer> customers;
		do {
			customers = this.mongo.find(
					Query.query(new Criteria().andOperator(due, open)).with(Sort.by("_id")).skip(read).limit(page),
					Customer.class);
			opened += openDueReviews(customers, schedule, today);
			read += customers.size();
		}
		while (customers.size() == page);
		return opened;
	}

	/** Opens the due review or renewal of each of {@code customers}; returns how many. */
	private int openDueReviews(List<Customer> customers, ReviewSchedule schedule, LocalDate today) {
		int opened = 0;
		for (Customer customer : customers) {
			CreditLimit limit = customer.creditLimit();
			if (limit == null || limit.amount() == null) {
				continue;
			}
			Optional<RequestType> type = schedule.due(today, limit.nextReviewDate(), limit.validUntil());
			// A customer has one open request at a time: one waiting (of any type or
			// origin) is decided first, and the review opened on a later run.
			if (type.isEmpty() || this.store.hasOpen(customer.id()) || this.store.madeSince(customer.id(), type.get(),
					schedule.dueSince(type.get(), limit.nextReviewDate(), limit.validUntil()))) {
				continue;
			}
			try {
				LocalDate validUntil;
				String why;
				if (type.get() == RequestType.RENEWAL) {
					LocalDate grantedOn = (limit.approvedAt() != null)
							? LocalDate.ofInstant(limit.approvedAt(), ZoneOffset.UTC) : null;
					validUntil = this.requests.reviewSchedule(customer)
						.renewedUntil(today, limit.validUntil(), grantedOn, this.requests.grade(customer.id()),
								customer.segment());
					why = Sentence.of("review.justification.renewal", limit.validUntil(), validUntil).english();
				}
				else {
					validUntil = limit.validUntil();
					why = Sentence.of("review.justification.periodic", limit.nextReviewDate()).english();
				}
				this.application.completeIfPending(this.requests.open(customer, type.get(), limit.amount(), validUntil,
						why, null, RequestOrigin.REVIEW_JOB, REVIEW_JOB));
				opened++;
			}
			catch (RuntimeException ex) {
				log.warn("Review of customer {} not opened: {}", customer.id(), ex.toString());
			}
		}
		return opened;
	}

}
