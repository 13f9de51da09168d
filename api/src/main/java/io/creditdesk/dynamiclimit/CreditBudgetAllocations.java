package io.creditdesk.dynamiclimit;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.creditdesk.audit.AuditLog;
import io.creditdesk.audit.AuditRecord;
import io.creditdesk.audit.Changes;
import io.creditdesk.common.Actor;
import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.Money;
import io.creditdesk.common.Validation;
import io.creditdesk.customer.Customer;
import io.creditdesk.dynamiclimit.BudgetAllocationRecord.Status;
import io.creditdesk.dynamiclimit.CreditBudgetInputs.AllocateCreditBudgetInput;
import io.creditdesk.dynamiclimit.CreditBudgetInputs.ApplyCreditBudgetAllocationInput;
import io.creditdesk.job.Job;
import io.creditdesk.job.Jobs;
import io.creditdesk.limitrequest.RequestErrorCode;
import io.creditdesk.limitrequest.SystemLimitRequests;
import org.bson.types.ObjectId;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The credit budget allocation use cases: start one (a job), read it, and apply it as
 * credit limit requests of origin {@code SYSTEM}, never as silent changes.
 * <p>
 * Applying is idempotent: the allocation is claimed with a lease, each request carries
 * the allocation's id and is recorded on its line, and a request already opened for a
 * line is found again rather than opened twice (after a crash half-way, applying again
 * resumes). A customer that has another open request (one at a time per customer, checked
 * atomically by the request's claim on the customer) is left out rather than refusing the
 * whole allocation: its line keeps its limit and says why ({@code REQUEST_ALREADY_OPEN},
 * naming the open request and its amount), and the others are requested. It is refused as
 * stale, before any request is opened, when the budget has another version than the one
 * allocated or a customer's limit is no longer the one the allocation started from
 * (compared amount and currency, for every line not yet requested).
 */
@Service
class CreditBudgetAllocations {

	static final String JUSTIFICATION_KEY = "allocation.request.justification";

	private final BudgetAllocationStore store;

	private final CreditBudgets budgets;

	private final Jobs jobs;

	private final SystemLimitRequests requests;

	private final MongoTemplate mongo;

	private final AuditLog audit;

	private final Clock clock;

	CreditBudgetAllocations(BudgetAllocationStore store, CreditBudgets budgets, Jobs jobs, SystemLimitRequests requests,
			MongoTemplate mongo, AuditLog audit, Clock clock) {
		this.store = store;
		this.budgets = budgets;
		this.jobs = jobs;
		this.requests = requests;
		this.mongo = mongo;
		this.audit = audit;
		this.clock = clock;
	}

	/** An allocation started: the stored allocation and its job. */
	record Started(BudgetAllocationRecord allocation, Job job) {
	}

	Started start(AllocateCreditBudgetInput input) {
		if (input.budgetId() == null || input.budgetId().isBlank()) {
			throw CreditDeskException.refuse(CommonErrorCode.REQUIRED, "budgetId");
		}
		CreditBudget budget = this.budgets.get(input.budgetId());
		BudgetAllocationRecord record = this.store.insert(new BudgetAllocationRecord(new ObjectId().toHexString(), null,
				budget.id(), budget.version(), budget.currency(), budget.basis(), budget.total(), Status.RUNNING, 0, 0,
				0, null, null, null, List.of(), null, Actor.current().name(), this.clock.instant(), null, null, 1));
		Job job = this.jobs.submit(AllocateCreditBudgetJob.KIND, Map.of("allocationId", record.id()));
		this.store.jobStarted(record.id(), job.id());
		return new Started(this.store.find(record.id()).orElse(record), job);
	}

	Optional<BudgetAllocationRecord> find(String id) {
		return this.store.find(id);
	}

	Optional<Job> job(BudgetAllocationRecord record) {
		return (record.jobId() == null) ? Optional.empty() : this.jobs.find(record.jobId());
	}

	List<BudgetAllocationLine> lines(String id, int afterPosition, int size, boolean changedOnly) {
		return this.store.lines(id, afterPosition, size, changedOnly);
	}

	BudgetAllocationRecord apply(ApplyCreditBudgetAllocationInput input) {
		Validation v = new Validation();
		if (input.allocationId() == null || input.allocationId().isBlank()) {
			v.reject(CommonErrorCode.REQUIRED, "allocationId");
		}
		String justification = v.freeText("justification", input.justification(), 500);
		v.throwIfInvalid();
		BudgetAllocationRecord record = this.store.find(input.allocationId())
			.orElseThrow(() -> CreditDeskException.refuse(AllocationErrorCode.ALLOCATION_NOT_FOUND, "allocationId",
					new MessageCatalogue.Quoted(input.allocationId())));
		if (record.status() == Status.APPLIED) {
			return record;
		}
		if (record.status() != Status.PROPOSED && record.status() != Status.APPLYING) {
			throw CreditDeskException.refuse(AllocationErrorCode.ALLOCATION_NOT_APPLICABLE, "allocationId", record.id(),
					record.status());
		}
		List<BudgetAllocationLine> changes = this.store.changes(record.id());
		checkFresh(record, changes);
		BudgetAllocationRecord claimed = this.store.claim(record, Actor.current().name(), justification)
			.orElseThrow(() -> CreditDeskException.refuse(CommonErrorCode.CONCURRENT_MODIFICATION.variant("allocation"),
					"allocationId", record.id()));
		String text = MessageCatalogue.render(MessageCatalogue.DEFAULT_LANGUAGE, JUSTIFICATION_KEY,
				List.of(record.id(), record.budgetId(), justification));
		for (BudgetAllocationLine line : changes) {
			if (line.requestId() != null) {
				continue;
			}
			try {
				SystemLimitRequests.Opened request = this.requests.open(line.customerId(), line.requestedLimit(), text,
						record.id(), claimed.application().appliedBy());
				this.store.requested(line, request.requestId());
			}
			catch (CreditDeskException ex) {
				if (!RequestErrorCode.REQUEST_ALREADY_OPEN.name().equals(ex.code())) {
					this.store.release(record.id());
					throw ex;
				}
				// A request was opened for the customer after the allocation was
				// computed: the claim refused this one, so it is left out, not
				// overwritten.
				this.store.leftOut(line, ex.errors().get(0));
			}
			catch (RuntimeException ex) {
				// The requests opened so far stay recorded; applying again resumes at
				// once rather than after the lease.
				this.store.release(record.id());
				throw ex;
			}
		}
		BudgetAllocationStore.Counts counts = this.store.counts(record.id());
		AuditRecord entry = this.audit.entry("CREDIT_BUDGET_ALLOCATION_APPLIED", "CREDIT_BUDGET_ALLOCATION",
				record.id(), null, justification,
				new Changes().set("budgetId", record.budgetId())
					.set("requests", counts.requested())
					.set("excluded", counts.excluded()));
		BudgetAllocationRecord applied = this.store.applied(claimed, counts, entry);
		return (applied != null) ? applied : this.store.find(record.id()).orElse(claimed);
	}

	/**
	 * Refuses the allocation when its budget changed or a customer's limit is not the one
	 * it was computed from.
	 */
	private void checkFresh(BudgetAllocationRecord record, List<BudgetAllocationLine> changes) {
		CreditBudget budget = this.budgets.find(record.budgetId()).orElse(null);
		if (budget == null || budget.version() != record.budgetVersion()) {
			throw CreditDeskException.refuse(AllocationErrorCode.ALLOCATION_STALE.variant("budget"), "allocationId",
					record.budgetId(), record.budgetVersion(), (budget != null) ? budget.version() : 0);
		}
		List<BudgetAllocationLine> pending = changes.stream().filter(l -> l.requestId() == null).toList();
		for (int from = 0; from < pending.size(); from += 500) {
			List<BudgetAllocationLine> page = pending.subList(from, Math.min(pending.size(), from + 500));
			Map<String, Customer> customers = new HashMap<>();
			this.mongo.find(
					Query.query(Criteria.where("_id").in(page.stream().map(BudgetAllocationLine::customerId).toList())),
					Customer.class)
				.forEach(c -> customers.put(c.id(), c));
			for (BudgetAllocationLine line : page) {
				Customer customer = customers.get(line.customerId());
				Money now = (customer != null && customer.creditLimit() != null) ? customer.creditLimit().amount()
						: null;
				if (now == null || !now.currency().equals(line.currentLimit().currency())
						|| now.amount().compareTo(line.currentLimit().amount()) != 0) {
					throw CreditDeskException.refuse(AllocationErrorCode.ALLOCATION_STALE, "allocationId",
							line.customerId(), line.currentLimit(), (now != null) ? now : "-");
				}
			}
		}
	}

}
