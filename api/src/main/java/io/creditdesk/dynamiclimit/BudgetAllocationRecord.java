package io.creditdesk.dynamiclimit;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.creditdesk.common.MessageCatalogue;
import io.creditdesk.common.UserError;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Basis;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Constraint;
import io.creditdesk.dynamiclimit.CreditBudgetAllocation.Portfolio;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One credit budget allocation as stored: what it was computed from, its outcome, and
 * whether it was applied. Its proposed limits are {@link BudgetAllocationLine}s.
 *
 * @param id the allocation's id
 * @param jobId the job that computes it
 * @param budgetId the budget allocated
 * @param budgetVersion the budget's version it was computed with (applying it refuses a
 * later one as stale)
 * @param currency the budget's currency
 * @param basis what the budget limits
 * @param total the budget
 * @param status where it stands
 * @param candidates customers in the program
 * @param excluded customers kept at their limit and left out (see
 * {@link BudgetAllocationLine.Exclusion})
 * @param changed customers whose proposed limit differs from their current one
 * @param budgetUsed the budget used, on its basis
 * @param before the portfolio of the candidates under their current limits
 * @param after the portfolio under the proposed limits
 * @param constraints every budget, segment and vertical row, and every customer held by
 * its share
 * @param refusal why it was refused, when it was
 * @param requestedBy who asked for it
 * @param createdAt when
 * @param finishedAt when it was computed or refused
 * @param application the application of the allocation, once asked for
 * @param version one more per change of this document
 */
@Document(BudgetAllocationRecord.COLLECTION)
record BudgetAllocationRecord(@Id String id, String jobId, String budgetId, long budgetVersion, String currency,
		Basis basis, BigDecimal total, Status status, int candidates, int excluded, int changed, BigDecimal budgetUsed,
		Portfolio before, Portfolio after, List<Constraint> constraints, Refusal refusal, String requestedBy,
		Instant createdAt, Instant finishedAt, Application application, long version) {

	static final String COLLECTION = "credit_budget_allocations";

	BudgetAllocationRecord {
		constraints = (constraints == null) ? List.of() : constraints;
	}

	/** Where an allocation stands. */
	enum Status {

		/** Being computed. */
		RUNNING,
		/** Computed; limits proposed, nothing changed yet. */
		PROPOSED,
		/** Refused: see {@code refusal}. */
		REFUSED,
		/** Its requests are being opened. */
		APPLYING,
		/** Every changed limit has its credit limit request. */
		APPLIED

	}

	/**
	 * Why it was refused (or, on a line, why its customer was left out): the catalogue's
	 * key and the figures (as English writes them), so the sentence is rendered again in
	 * the reader's language.
	 *
	 * @param code the error code
	 * @param messageKey the catalogue's key ({@code error.<CODE>[.<variant>]})
	 * @param field the input field it concerns
	 * @param figures the figures of the sentence
	 * @param message the sentence in English (for logs and the job's reason)
	 */
	record Refusal(String code, String messageKey, String field, List<String> figures, String message) {

		/** The refusal of {@code error}, its figures as English writes them. */
		static Refusal of(UserError error) {
			return new Refusal(error.code().code(), error.messageKey(), error.field(),
					error.figures()
						.stream()
						.map(f -> MessageCatalogue.figure(MessageCatalogue.DEFAULT_LANGUAGE, f))
						.toList(),
					error.message(MessageCatalogue.DEFAULT_LANGUAGE));
		}

	}

	/**
	 * Who applied it.
	 *
	 * @param appliedBy the person
	 * @param justification why
	 * @param startedAt when applying began
	 * @param leaseUntil until when the applying caller holds it (another may take over
	 * after a crash)
	 * @param appliedAt when the last request was opened
	 * @param requests how many requests it opened
	 */
	record Application(String appliedBy, String justification, Instant startedAt, Instant leaseUntil, Instant appliedAt,
			int requests) {
	}

}
