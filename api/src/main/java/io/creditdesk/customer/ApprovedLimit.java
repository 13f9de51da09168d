package io.creditdesk.customer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.creditdesk.common.Money;

/**
 * A limit a credit limit request approved, to be applied to the customer by
 * {@link CustomerService#applyApprovedLimit}.
 *
 * @param customerId the customer
 * @param requestId the approving request: the limit carries it, so a second application
 * is recognised
 * @param amount the approved limit, in the customer's credit currency
 * @param validUntil the end of a temporary limit; null for a permanent one
 * @param nextReviewDate when the limit is to be reviewed next
 * @param approvedBy who gave the final approval
 * @param approvedAt when
 * @param expectedAmount the limit the request saw when it was made; null when there was
 * none
 * @param expectedApprovedAt when that limit was approved; null when there was none
 * @param reason why, for the audit record and the event
 * @param noticeReasons the principal reasons of the {@code CustomerNoticeIssued} event
 * written with the limit when it is lower than the one it replaces (at most four); empty
 * when the request carries none (no notice)
 */
public record ApprovedLimit(String customerId, String requestId, Money amount, LocalDate validUntil,
		LocalDate nextReviewDate, String approvedBy, Instant approvedAt, Money expectedAmount,
		Instant expectedApprovedAt, String reason, List<String> noticeReasons) {

	public ApprovedLimit {
		noticeReasons = (noticeReasons != null) ? List.copyOf(noticeReasons) : List.of();
	}

	/** What became of an application. */
	public enum Outcome {

		/** The limit now applies. */
		APPLIED,

		/** It already applied (an earlier attempt got through): nothing changed. */
		ALREADY_APPLIED,

		/**
		 * The customer's limit changed since the request was made: nothing changed, the
		 * request must be analysed again.
		 */
		LIMIT_CHANGED

	}

	/** Whether the customer's limit is still the one the request saw. */
	boolean stillExpected(CreditLimit current) {
		if (current == null || current.amount() == null) {
			return this.expectedAmount == null;
		}
		return this.expectedAmount != null && current.amount().amount().compareTo(this.expectedAmount.amount()) == 0
				&& current.amount().currency().equals(this.expectedAmount.currency())
				&& sameInstant(current.approvedAt(), this.expectedApprovedAt);
	}

	/** Whether it lowers {@code before}, in the same currency. */
	boolean lowers(CreditLimit before) {
		return before != null && before.amount() != null && this.amount != null
				&& before.amount().currency().equals(this.amount.currency())
				&& this.amount.amount().compareTo(before.amount().amount()) < 0;
	}

	private static boolean sameInstant(Instant a, Instant b) {
		// Stored to the millisecond: compare as stored.
		return (a == null) ? b == null : b != null && a.toEpochMilli() == b.toEpochMilli();
	}

}
