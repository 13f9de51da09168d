package io.creditdesk.dynamiclimit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditOutbox;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.common.UserError;
import io.creditdesk.dynamiclimit.BudgetAllocationRecord.Application;
import io.creditdesk.dynamiclimit.BudgetAllocationRecord.Refusal;
import io.creditdesk.dynamiclimit.BudgetAllocationRecord.Status;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Outcome;
import io.creditdesk.infrastructure.MongoIndexes;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The allocations and their lines in MongoDB. Each change of an allocation is one
 * conditional update of its document guarded by its status (and, while it is applied, by
 * the applier's lease); lines are written once, before the allocation is marked
 * {@code PROPOSED}, so a proposed allocation always has all of them.
 */
@Component
class BudgetAllocationStore {

	/** How long one caller holds an allocation it applies before another may resume. */
	static final Duration APPLY_LEASE = Duration.ofMinutes(5);

	private final MongoTemplate mongo;

	private final AuditLog audit;

	private final Clock clock;

	BudgetAllocationStore(MongoTemplate mongo, AuditLog audit, Clock clock, MongoIndexes indexes) {
		this.mongo = mongo;
		this.audit = audit;
		this.clock = clock;
		indexes.declare(BudgetAllocationLine.class,
				new Index().on("allocationId", Sort.Direction.ASC)
					.on("position", Sort.Direction.ASC)
					.named("allocation_position"));
		audit.register(BudgetAllocationRecord.class);
	}

	BudgetAllocationRecord insert(BudgetAllocationRecord record) {
		return this.mongo.insert(record);
	}

	Optional<BudgetAllocationRecord> find(String id) {
		return (id == null || id.isBlank()) ? Optional.empty()
				: Optional.ofNullable(this.mongo.findById(id.trim(), BudgetAllocationRecord.class));
	}

	void jobStarted(String id, String jobId) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().set("jobId", jobId).inc("version", 1), BudgetAllocationRecord.class);
	}

	/** Writes the lines, then the outcome: the allocation is {@code PROPOSED}. */
	void proposed(String id, long budgetVersion, List<BudgetAllocationLine> lines, int candidates, int changed,
			Outcome outcome) {
		this.mongo.remove(Query.query(Criteria.where("allocationId").is(id)), BudgetAllocationLine.class);
		for (int from = 0; from < lines.size(); from += 1000) {
			this.mongo.insert(lines.subList(from, Math.min(lines.size(), from + 1000)), BudgetAllocationLine.class);
		}
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("status").is(Status.RUNNING)),
				new Update().set("status", Status.PROPOSED)
					.set("budgetVersion", budgetVersion)
					.set("candidates", candidates)
					.set("excluded", lines.size() - candidates)
					.set("changed", changed)
					.set("budgetUsed", outcome.budgetUsed())
					.set("before", outcome.before())
					.set("after", outcome.after())
					.set("constraints", outcome.constraints())
					.set("finishedAt", this.clock.instant())
					.inc("version", 1),
				BudgetAllocationRecord.class);
	}

	void refused(String id, UserError error) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("status").is(Status.RUNNING)),
				new Update().set("status", Status.REFUSED)
					.set("refusal", Refusal.of(error))
					.set("finishedAt", this.clock.instant())
					.inc("version", 1),
				BudgetAllocationRecord.class);
	}

	/**
	 * A page of lines from {@code afterPosition} (exclusive), optionally only changes.
	 */
	List<BudgetAllocationLine> lines(String id, int afterPosition, int size, boolean changedOnly) {
		Criteria criteria = Criteria.where("allocationId").is(id).and("position").gt(afterPosition);
		if (changedOnly) {
			criteria = criteria.and("excluded").is(null);
		}
		Query query = Query.query(criteria).with(Sort.by("position"));
		if (!changedOnly) {
			return this.mongo.find(query.limit(size), BudgetAllocationLine.class);
		}
		// Whether a limit changes compares two decimals; read on until the page is full.
		List<BudgetAllocationLine> page = new ArrayList<>();
		for (BudgetAllocationLine line : this.mongo.find(query, BudgetAllocationLine.class)) {
			if (line.changes()) {
				page.add(line);
				if (page.size() == size) {
					break;
				}
			}
		}
		return page;
	}

	/** Every line whose limit changes, in order. */
	List<BudgetAllocationLine> changes(String id) {
		return lines(id, -1, Integer.MAX_VALUE, true);
	}

	/**
	 * Takes the allocation for applying: {@code PROPOSED}, or {@code APPLYING} by a
	 * caller whose lease has run out. Empty when another caller holds it (or it is not
	 * applicable any more).
	 */
	Optional<BudgetAllocationRecord> claim(BudgetAllocationRecord record, String appliedBy, String justification) {
		Instant now = this.clock.instant();
		Criteria free = new Criteria().orOperator(Criteria.where("status").is(Status.PROPOSED),
				Criteria.where("status").is(Status.APPLYING).and("application.leaseUntil").lt(now));
		Application application = new Application(appliedBy, justification, now, now.plus(APPLY_LEASE), null, 0);
		return Optional.ofNullable(this.mongo.findAndModify(
				Query.query(new Criteria().andOperator(Criteria.where("_id").is(record.id()), free)),
				new Update().set("status", Status.APPLYING).set("application", application).inc("version", 1),
				FindAndModifyOptions.options().returnNew(true), BudgetAllocationRecord.class));
	}

	/** Records a line's request and renews the applier's lease. */
	void requested(BudgetAllocationLine line, String requestId) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(line.id())),
				new Update().set("requestId", requestId), BudgetAllocationLine.class);
		this.mongo.updateFirst(
				Query.query(Criteria.where("_id").is(line.allocationId()).and("status").is(Status.APPLYING)),
				new Update().set("application.leaseUntil", this.clock.instant().plus(APPLY_LEASE)),
				BudgetAllocationRecord.class);
	}

	/**
	 * Leaves a line's customer out while the allocation is applied (it has an open
	 * request): kept at its limit, with the refusal that says why. Once: a line already
	 * requested or left out is not changed.
	 */
	void leftOut(BudgetAllocationLine line, UserError reason) {
		this.mongo.updateFirst(
				Query.query(Criteria.where("_id").is(line.id()).and("requestId").is(null).and("excluded").is(null)),
				new Update().set("excluded", BudgetAllocationLine.Exclusion.REQUEST_OPEN)
					.set("exclusionReason", Refusal.of(reason))
					.set("proposedLimit", line.currentInBudget())
					.unset("requestedLimit"),
				BudgetAllocationLine.class);
		this.mongo.updateFirst(
				Query.query(Criteria.where("_id").is(line.allocationId()).and("status").is(Status.APPLYING)),
				new Update().set("application.leaseUntil", this.clock.instant().plus(APPLY_LEASE)),
				BudgetAllocationRecord.class);
	}

	/**
	 * The allocation's lines as they stand: how many customers are left out and how many
	 * limits have their request (counted, so a call resumed after a crash counts the
	 * lines an earlier call wrote too).
	 */
	record Counts(int excluded, int requested) {
	}

	Counts counts(String id) {
		long excluded = this.mongo.count(Query.query(Criteria.where("allocationId").is(id).and("excluded").ne(null)),
				BudgetAllocationLine.class);
		long requested = this.mongo.count(Query.query(Criteria.where("allocationId").is(id).and("requestId").ne(null)),
				BudgetAllocationLine.class);
		return new Counts((int) excluded, (int) requested);
	}

	/** Lets another call resume applying at once (this one failed half-way). */
	void release(String id) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and("status").is(Status.APPLYING)),
				new Update().set("application.leaseUntil", this.clock.instant().minusMillis(1)),
				BudgetAllocationRecord.class);
	}

	/**
	 * Marks the allocation applied, with its audit record in the same write; its counts
	 * of excluded and changed customers as the lines now stand (customers left out while
	 * applying were counted as changed until then).
	 */
	BudgetAllocationRecord applied(BudgetAllocationRecord record, Counts counts, AuditRecord entry) {
		BudgetAllocationRecord applied = this.mongo.findAndModify(
				Query.query(Criteria.where("_id").is(record.id()).and("status").is(Status.APPLYING)),
				AuditOutbox.push(new Update().set("status", Status.APPLIED)
					.set("application.appliedAt", this.clock.instant())
					.set("application.requests", counts.requested())
					.set("excluded", counts.excluded())
					.set("changed", counts.requested())
					.inc("version", 1), entry),
				FindAndModifyOptions.options().returnNew(true), BudgetAllocationRecord.class);
		if (applied != null) {
			this.audit.settle(BudgetAllocationRecord.class, record.id(), entry);
		}
		return applied;
	}

}
