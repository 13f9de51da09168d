package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import io.creditdesk.common.CommonErrorCode;
import io.creditdesk.common.Connection;
import io.creditdesk.common.CreditDeskException;
import io.creditdesk.common.ErrorCode;
import io.creditdesk.common.Money;
import io.creditdesk.common.UserError;
import io.creditdesk.dynamiclimit.BudgetAllocationRecord.Status;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Basis;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Constraint;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.ConstraintKind;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Portfolio;
import io.creditdesk.dynamiclimit.CreditBudgetInputs.AllocateCreditBudgetInput;
import io.creditdesk.dynamiclimit.CreditBudgetInputs.ApplyCreditBudgetAllocationInput;
import io.creditdesk.dynamiclimit.CreditBudgetInputs.UpsertCreditBudgetInput;
import io.creditdesk.fx.FxErrorCode;
import io.creditdesk.graphql.Payloads;
import io.creditdesk.job.Job;
import io.creditdesk.limitrequest.RequestErrorCode;

import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;

/**
 * Credit budgets and their allocations over GraphQL. Budgets are set by treasury (CFO,
 * ADMIN); allocations are run by credit managers, the CFO and data scientists, and
 * applied by the CFO or an administrator.
 */
@Controller
class CreditBudgetController {

	static final String SET_BUDGETS = "hasAnyRole('CFO','ADMIN')";

	static final String READ_BUDGETS = "hasAnyRole('CREDIT_MANAGER','CFO','DATA_SCIENTIST','ADMIN')";

	static final String RUN_ALLOCATIONS = "hasAnyRole('CREDIT_MANAGER','CFO','DATA_SCIENTIST')";

	private final CreditBudgets budgets;

	private final CreditBudgetAllocations allocations;

	CreditBudgetController(CreditBudgets budgets, CreditBudgetAllocations allocations) {
		this.budgets = budgets;
		this.allocations = allocations;
	}

	@QueryMapping
	@PreAuthorize(READ_BUDGETS)
	List<CreditBudget> creditBudgets(@Argument String currency) {
		return this.budgets.list(currency);
	}

	@MutationMapping
	@PreAuthorize(SET_BUDGETS)
	UpsertCreditBudgetPayload upsertCreditBudget(@Argument UpsertCreditBudgetInput input) {
		return Payloads.run(() -> this.budgets.upsert(input), UpsertCreditBudgetPayload::new);
	}

	@MutationMapping
	@PreAuthorize(RUN_ALLOCATIONS)
	AllocateCreditBudgetPayload allocateCreditBudget(@Argument AllocateCreditBudgetInput input) {
		return Payloads.run(() -> this.allocations.start(input),
				(started, errors) -> (started == null) ? new AllocateCreditBudgetPayload(null, null, errors)
						: new AllocateCreditBudgetPayload(view(started.allocation()), started.job(), errors));
	}

	@QueryMapping
	@PreAuthorize(READ_BUDGETS)
	AllocationView creditBudgetAllocation(@Argument String id) {
		return this.allocations.find(id).map(CreditBudgetController::view).orElse(null);
	}

	@MutationMapping
	@PreAuthorize(SET_BUDGETS)
	ApplyCreditBudgetAllocationPayload applyCreditBudgetAllocation(@Argument ApplyCreditBudgetAllocationInput input) {
		return Payloads.run(() -> view(this.allocations.apply(input)), ApplyCreditBudgetAllocationPayload::new);
	}

	@SchemaMapping(typeName = "CreditBudget", field = "total")
	Money total(CreditBudget budget) {
		return budget.totalMoney();
	}

	@SchemaMapping(typeName = "CreditBudgetAllocation", field = "status")
	String status(AllocationView allocation) {
		if (allocation.record().status() == Status.RUNNING) {
			// A job that died (its instance stopped) leaves the allocation unfinished.
			Optional<Job> job = this.allocations.job(allocation.record());
			if (job.isPresent() && job.get().status().name().equals("FAILED")) {
				return "FAILED";
			}
		}
		return allocation.record().status().name();
	}

	@SchemaMapping(typeName = "CreditBudgetAllocation", field = "job")
	Job job(AllocationView allocation) {
		return this.allocations.job(allocation.record()).orElse(null);
	}

	@SchemaMapping(typeName = "CreditBudgetAllocation", field = "budget")
	CreditBudget budget(AllocationView allocation) {
		return this.budgets.find(allocation.record().budgetId()).orElse(null);
	}

	@SchemaMapping(typeName = "CreditBudgetAllocation", field = "limits")
	Connection<LineView> limits(AllocationView allocation, @Argument Integer first, @Argument String after,
			@Argument Boolean changedOnly) {
		int size = Connection.pageSize(first);
		String cursor = Connection.decode(after);
		int from;
		try {
			from = (cursor == null) ? -1 : Integer.parseInt(cursor);
		}
		catch (NumberFormatException ex) {
			throw CreditDeskException.refuse(CommonErrorCode.INVALID_CURSOR, "after", UserError.quoted(after));
		}
		List<LineView> lines = this.allocations
			.lines(allocation.record().id(), from, size + 1, Boolean.TRUE.equals(changedOnly))
			.stream()
			.map(l -> line(l, allocation.record().currency()))
			.toList();
		return Connection.of(lines, size, l -> Integer.toString(l.position()), null);
	}

	static AllocationView view(BudgetAllocationRecord r) {
		String currency = r.currency();
		List<ConstraintView> constraints = r.constraints()
			.stream()
			.map(c -> new ConstraintView(c.kind(), c.subject(), new Money(c.used(), currency),
					new Money(c.bound(), currency), c.binding(), c.shadowPrice()))
			.toList();
		List<UserError> errors = (r.refusal() == null) ? List.of() : List.of(userError(r.refusal()));
		return new AllocationView(r, r.id(), r.budgetId(), r.budgetVersion(), r.basis(), new Money(r.total(), currency),
				r.candidates(), r.excluded(), r.changed(),
				(r.budgetUsed() != null) ? new Money(r.budgetUsed(), currency) : null, portfolio(r.before(), currency),
				portfolio(r.after(), currency), constraints,
				constraints.stream().filter(ConstraintView::binding).toList(), r.requestedBy(), r.createdAt(),
				r.finishedAt(), (r.application() != null) ? r.application().appliedBy() : null,
				(r.application() != null) ? r.application().appliedAt() : null,
				(r.application() != null) ? r.application().requests() : null, errors);
	}

	/**
	 * The stored refusal (an allocation's, or why a line's customer was left out), its
	 * sentence rendered again in the reader's language.
	 */
	private static UserError userError(BudgetAllocationRecord.Refusal refusal) {
		ErrorCode code = code(refusal.code());
		Object[] figures = refusal.figures().toArray();
		String variant = (refusal.messageKey() != null && refusal.messageKey().startsWith(code.messageKey() + "."))
				? refusal.messageKey().substring(code.messageKey().length() + 1) : null;
		return (variant != null) ? UserError.of(code.variant(variant), refusal.field(), figures)
				: UserError.of(code, refusal.field(), figures);
	}

	private static ErrorCode code(String name) {
		return Stream
			.<ErrorCode>concat(
					Stream.concat(Stream.of(AllocationErrorCode.values()), Stream.of(CommonErrorCode.values())),
					Stream.concat(Stream.of(FxErrorCode.values()), Stream.of(RequestErrorCode.values())))
			.filter(c -> c.code().equals(name))
			.findFirst()
			.orElse(AllocationErrorCode.ALLOCATION_INFEASIBLE);
	}

	private static PortfolioView portfolio(Portfolio p, String currency) {
		return (p == null) ? null
				: new PortfolioView(new Money(p.totalLimits(), currency), new Money(p.expectedExposure(), currency),
						new Money(p.expectedMargin(), currency), new Money(p.expectedLoss(), currency),
						new Money(p.expectedMargin().subtract(p.expectedLoss()), currency));
	}

	private static LineView line(BudgetAllocationLine l, String currency) {
		return new LineView(l.position(), l.customerId(), l.customerName(), l.segment(), l.vertical(), l.currentLimit(),
				money(l.proposedLimit(), currency), l.requestedLimit(), money(l.minLimit(), currency),
				money(l.maxLimit(), currency), (l.grade() != null) ? l.grade().name() : null, l.probabilityOfDefault(),
				(l.excluded() == null) ? l.expectedUtilization() : null, (l.excluded() == null) ? l.marginRate() : null,
				l.changes(), l.excluded(), l.requestId(),
				(l.exclusionReason() != null) ? userError(l.exclusionReason()) : null);
	}

	private static Money money(BigDecimal amount, String currency) {
		return (amount == null) ? null : new Money(amount, currency);
	}

	record AllocationView(BudgetAllocationRecord record, String id, String budgetId, long budgetVersion, Basis basis,
			Money total, int candidates, int excluded, int changed, Money budgetUsed, PortfolioView before,
			PortfolioView after, List<ConstraintView> constraints, List<ConstraintView> bindingConstraints,
			String requestedBy, Instant createdAt, Instant finishedAt, String appliedBy, Instant appliedAt,
			Integer requests, List<UserError> userErrors) {
	}

	record PortfolioView(Money totalLimits, Money expectedExposure, Money expectedMargin, Money expectedLoss,
			Money expectedMarginLessLoss) {
	}

	record ConstraintView(ConstraintKind kind, String subject, Money used, Money bound, boolean binding,
			double shadowPrice) {
	}

	record LineView(int position, String customerId, String customerName, String segment, String vertical,
			Money currentLimit, Money allocatedLimit, Money requestedLimit, Money minLimit, Money maxLimit,
			String grade, Double probabilityOfDefault, Double expectedUtilization, Double marginRate, boolean changes,
			BudgetAllocationLine.Exclusion excluded, String requestId, UserError exclusionReason) {
	}

	record UpsertCreditBudgetPayload(CreditBudget budget, List<UserError> userErrors) {
	}

	record AllocateCreditBudgetPayload(AllocationView allocation, Job job, List<UserError> userErrors) {
	}

	record ApplyCreditBudgetAllocationPayload(AllocationView allocation, List<UserError> userErrors) {
	}

}
