package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;

import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.Money;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Outcome;
import io.creditdesk.job.JobContext;
import io.creditdesk.job.JobHandler;

import org.springframework.stereotype.Component;

/**
 * The {@code allocateCreditBudget} job: reads the portfolio the budget covers
 * ({@link AllocationCandidates}), solves the linear program
 * ({@link CreditBudgetAllocation}) and stores the proposed limits. A refusal (a share
 * that cannot hold, an unknown segment) is stored on the allocation with its sentence and
 * fails the job with the same sentence.
 */
@Component
class AllocateCreditBudgetJob implements JobHandler {

	static final String KIND = "allocateCreditBudget";

	private final BudgetAllocationStore store;

	private final CreditBudgets budgets;

	private final AllocationCandidates candidates;

	AllocateCreditBudgetJob(BudgetAllocationStore store, CreditBudgets budgets, AllocationCandidates candidates) {
		this.store = store;
		this.budgets = budgets;
		this.candidates = candidates;
	}

	@Override
	public String kind() {
		return KIND;
	}

	@Override
	public Map<String, Object> run(JobContext context) {
		String id = (String) context.input().get("allocationId");
		BudgetAllocationRecord record = this.store.find(id)
			.orElseThrow(() -> new IllegalStateException("The credit budget allocation " + id + " is not stored."));
		try {
			CreditBudget budget = this.budgets.get(record.budgetId());
			context.progress(0, "reading the customers of budget " + budget.id());
			AllocationCandidates.Read read = this.candidates.read(budget, id,
					(n) -> context.progress(0, n + " customers read"));
			context.progress(60, "solving for " + read.candidates().size() + " customers");
			Outcome outcome = CreditBudgetAllocation.allocate(read.candidates(),
					budget.toBudget(this.budgets.segmentBudgets(budget)));
			context.progress(80, "storing " + read.lines().size() + " lines");
			List<BudgetAllocationLine> lines = new ArrayList<>(read.lines());
			int changed = 0;
			for (int i = 0; i < read.candidates().size(); i++) {
				int position = read.positions().get(i);
				BudgetAllocationLine line = withProposal(lines.get(position),
						outcome.limits().get(read.candidates().get(i).customerId()));
				lines.set(position, line);
				if (line.changes()) {
					changed++;
				}
			}
			this.store.proposed(id, budget.version(), lines, read.candidates().size(), changed, outcome);
			return Map.of("allocationId", id, "candidates", read.candidates().size(), "excluded",
					lines.size() - read.candidates().size(), "changed", changed, "budgetUsed",
					outcome.budgetUsed().toPlainString());
		}
		catch (CreditDeskException ex) {
			this.store.refused(id, ex.errors().get(0));
			throw ex;
		}
	}

	/**
	 * The line with its allocated limit, and that limit in the customer's currency,
	 * rounded down (a limit converted back never exceeds what the program allowed); an
	 * unchanged limit keeps its exact amount.
	 */
	static BudgetAllocationLine withProposal(BudgetAllocationLine line, BigDecimal proposed) {
		Money requested;
		if (proposed.compareTo(line.currentInBudget()) == 0) {
			requested = line.currentLimit();
		}
		else {
			String currency = line.currentLimit().currency();
			int digits = Currency.getInstance(currency).getDefaultFractionDigits();
			requested = new Money(proposed.divide(line.rate(), digits, RoundingMode.FLOOR), currency);
		}
		return new BudgetAllocationLine(line.id(), line.allocationId(), line.position(), line.customerId(),
				line.customerName(), line.segment(), line.vertical(), line.currentLimit(), line.rate(),
				line.currentInBudget(), line.minLimit(), line.maxLimit(), proposed, requested, line.grade(),
				line.probabilityOfDefault(), line.expectedUtilization(), line.marginRate(), null, null, null);
	}

}
