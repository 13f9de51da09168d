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
 * The simulation on history ({@code simulateLimitPolicy}):
 * {@link io.creditdesk.dynamiclimit.LimitPolicyReplay} replays a policy month by month
 * (Spring-free, table-tested) on customers that
 * {@link io.creditdesk.dynamiclimit.ReplayCustomers} builds from {@code risk}'s
 * {@code CustomerLedgers} with the point-in-time history and the champion's score on it;
 * {@link io.creditdesk.dynamiclimit.LimitPolicySimulations} checks the input and runs it
 * as a background job, and the result is read over GraphQL and exported as CSV and an
 * HTML report (docs/limit-simulation.md).
 * <p>
 * The proposals side: {@link io.creditdesk.dynamiclimit.LimitAdjustmentPolicies} stores a
 * policy per tier, industry, segment or globally (versioned, audited, switched on or off)
 * and resolves the one in force for a customer, whole, most specific first
 * ({@code effectiveFor}, the API the allocation and the simulation read);
 * {@code ProposalInputs} assembles a customer's figures from the service's own data;
 * {@link io.creditdesk.dynamiclimit.LimitProposals} proposes and acts (a system change
 * within automatic authority, a routed SYSTEM request beyond it);
 * {@code LimitProposalRun} is the leased daily run, once a day across instances.
 * <p>
 * Portfolio allocation, the service side: treasury's {@code CreditBudget}s (versioned,
 * audited, {@code CreditBudgets}); the {@code allocateCreditBudget} job reads the
 * candidates from the service's data ({@code AllocationCandidates}: the champion's
 * scores, 90-day average exposures, hard caps, stored FX rates, guardrails through the
 * one seam {@code AllocationGuardrails}), solves and stores the allocation and its lines
 * ({@code BudgetAllocationStore}); {@code CreditBudgetAllocations} applies one as credit
 * limit requests of origin {@code SYSTEM}, once, refused as stale when a limit or the
 * budget changed. A customer with an open credit limit request is left out, when the
 * allocation is computed or, if the request was opened since, when it is applied (the
 * request's claim on the customer decides, atomically): its line keeps its limit and
 * carries the {@code REQUEST_ALREADY_OPEN} sentence naming the request and its amount,
 * and the others are allocated and requested.
 */
package io.creditdesk.dynamiclimit;
