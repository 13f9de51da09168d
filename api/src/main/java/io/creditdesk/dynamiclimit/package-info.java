/**
 * Dynamic credit limits: the rules that turn a customer's score and its own behaviour
 * into a proposed limit, inside guardrails a CFO sets (issue 16).
 * {@link io.creditdesk.dynamiclimit.LimitAdjustment} is the one policy object: given a
 * customer's figures ({@link io.creditdesk.dynamiclimit.CustomerFigures}) and the
 * effective {@link io.creditdesk.dynamiclimit.LimitAdjustmentPolicy} it proposes a limit,
 * its direction, whether it is within automatic authority, and the reasons with their
 * figures. {@link io.creditdesk.dynamiclimit.CreditBudgetAllocation} proposes limits for
 * a portfolio under a credit budget as an exact linear program. Both are plain Java, free
 * of Spring and of any store, each with a table test; the scheduled run, the simulation
 * on history and GraphQL build on them.
 * <p>
 * Portfolio allocation, the service side: treasury's {@code CreditBudget}s (versioned,
 * audited, {@code CreditBudgets}); the {@code allocateCreditBudget} job reads the
 * candidates from the service's data ({@code AllocationCandidates}: the champion's
 * scores, 90-day average exposures, hard caps, stored FX rates, guardrails through the
 * one seam {@code AllocationGuardrails}), solves and stores the allocation and its lines
 * ({@code BudgetAllocationStore}); {@code CreditBudgetAllocations} applies one as credit
 * limit requests of origin {@code SYSTEM}, once, refused as stale when a limit or the
 * budget changed.
 */
package io.creditdesk.dynamiclimit;
